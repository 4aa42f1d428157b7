// Small pieces every Java node printer uses: the indent, lambdas, chain steps, stores.
import type { Chain } from "../fluent/chain";
import type { NodeOutput } from "../fluent/walker";

export const INDENT = "    ";

export type Inputs = Record<string, Chain[]>;

export const chain = (c: Chain): NodeOutput => ({ kind: "chain", chain: c });
export const lambda = (params: string, body: string) =>
  /^\w+$/.test(params) ? `${params} -> ${body}` : `(${params}) -> ${body}`;
export const isTrue = (code: string) => `Boolean.TRUE.equals(${code})`;

export const one = (inputs: Inputs, port = "in") => inputs[port][0];

export function materialized(store: string | undefined): string[] {
  return store ? [`Materialized.as(${JSON.stringify(store)})`] : [];
}
