// Layout of generated TypeScript as Biome prints it: object literals, argument lists (with a
// hugged last arrow function), property access, and the small chain helpers.
import type { Chain } from "../fluent/chain";
import { args } from "../fluent/chain";
import type { NodeOutput } from "../fluent/walker";
import { breakTernary } from "./ternary";

export const INDENT = "  ";
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export type Inputs = Record<string, Chain[]>;

/** `{ A: a, B: b }`, one entry per line when long. An entry that still passes 100 columns
 *  (entries sit at about `column`) breaks its conditional over lines. */
export function objectLiteral(entries: [string, string][], column = 8): string {
  const items = entries.map(([k, v]) => {
    const key = IDENTIFIER.test(k) ? k : JSON.stringify(k);
    const broken =
      column + key.length + v.length + 3 > 100 ? breakTernary(v, INDENT.repeat(2)) : undefined;
    return broken ? `${key}:\n${INDENT}${broken}` : `${key}: ${v}`;
  });
  const flat = `{ ${items.join(", ")} }`;
  if (!flat.includes("\n") && flat.length <= 64) return flat;
  return `{\n${items.map((i) => `${INDENT}${i.replaceAll("\n", `\n${INDENT}`)},`).join("\n")}\n}`;
}

/** Call arguments; when they break over lines, each ends with a comma (biome's style). */
export function tsArgs(items: string[], width = 84): string {
  const flat = items.join(", ");
  if (!flat.includes("\n") && flat.length <= width) return flat;
  const hugged = hugLast(items, width);
  if (hugged) return hugged;
  return `${args(items, INDENT, 0)},\n`;
}

/** `.join(other, (left, right) => {` : a multi-line arrow function as the last argument stays
 *  on the call's line when the arguments before it are short, as Biome prints it. */
function hugLast(items: string[], width: number): string | undefined {
  const last = items[items.length - 1];
  const before = items.slice(0, -1);
  const plain = (i: string) => !i.includes("\n") && !i.includes("=>");
  if (!/^\([^)]*\) =>/.test(last) || !last.includes("\n") || !before.every(plain)) {
    return undefined;
  }
  const text = [...before, last].join(", ");
  return text.split("\n")[0].length <= width ? text : undefined;
}

/** Arguments of a call in a broken chain: the room left after `    .method(` and `);`. */
export const callArgs = (method: string, items: string[]) =>
  `${method}(${tsArgs(items, 93 - method.length)})`;

/** Property access that stays valid for any column name. */
export function prop(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

export const chain = (c: Chain): NodeOutput => ({ kind: "chain", chain: c });
export const one = (inputs: Inputs, port = "in") => inputs[port][0];
export const isTrue = (code: string) => `${code} === true`;
export const ms = (n: number) =>
  n >= 10_000 ? n.toLocaleString("en-US").replaceAll(",", "_") : String(n);
