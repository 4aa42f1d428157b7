// Walks the topology in order and strings fluent DSL calls together: a node's output stays
// in its consumer's chain when it has exactly one consumer with one input; otherwise it
// becomes a variable. Shared by the Java and TypeScript printers.
import type { Node } from "../graph";
import type { CodegenModel } from "../model";
import { camelCase, type NameScope } from "../naming";
import { type Chain, chainOf } from "./chain";

export type NodeOutput =
  /** The node continues its input's chain (or starts one, for sources). */
  | { kind: "chain"; chain: Chain }
  /** The node ends a chain: a sink, written as a statement. */
  | { kind: "end"; chain: Chain }
  /** Several named outputs (branch): statements first, then a chain per port. */
  | { kind: "ports"; statements: string[]; ports: Record<string, Chain> };

export interface FluentDialect {
  names: NameScope;
  /** The DSL calls for `node`, given the chains arriving on each input port. */
  apply(node: Node, inputs: Record<string, Chain[]>): NodeOutput;
  /** A variable declaration holding `chain`, the output `port` of `node`. */
  declare(node: Node, port: string, name: string, chain: Chain): string;
  /** `chain` as an expression statement. */
  statement(chain: Chain): string;
}

/** Multi-input kinds take their inputs as variables, never as inline chains. */
const MULTI_INPUT = new Set([
  "merge",
  "cogroup",
  "stream-stream-join",
  "stream-table-join",
  "table-table-join",
  "foreign-key-join",
  "stream-global-join",
]);

export function walk(model: CodegenModel, dialect: FluentDialect): string[] {
  const statements: string[] = [];
  const flows = new Map<string, Chain>();
  const { graph } = model;
  for (const node of graph.ordered) {
    const inputs: Record<string, Chain[]> = {};
    for (const edge of model.topology.edges.filter((e) => e.to.node === node.id)) {
      const list = inputs[edge.to.port] ?? [];
      list.push(flows.get(`${edge.from.node}:${edge.from.port}`)!);
      inputs[edge.to.port] = list;
    }
    const out = dialect.apply(node, inputs);
    if (out.kind === "end") {
      statements.push(dialect.statement(out.chain));
      continue;
    }
    if (out.kind === "ports") statements.push(...out.statements);
    const ports = out.kind === "ports" ? out.ports : { out: out.chain };
    for (const [port, chain] of Object.entries(ports)) {
      const consumers = graph.consumers(node, port);
      if (consumers.length === 0 && out.kind === "chain") {
        statements.push(dialect.statement(chain));
      } else if (consumers.length === 1 && !MULTI_INPUT.has(consumers[0].node.kind)) {
        flows.set(`${node.id}:${port}`, chain);
      } else if (consumers.length > 0) {
        const base = node.label ?? node.id;
        const name = dialect.names.claim(camelCase(port === "out" ? base : `${base} ${port}`));
        statements.push(dialect.declare(node, port, name, chain));
        flows.set(`${node.id}:${port}`, chainOf(name));
      }
    }
  }
  return statements;
}
