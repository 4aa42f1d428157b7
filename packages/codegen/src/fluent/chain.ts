// Fluent call chains (`builder.stream(...).filter(...).to(...)`) as the Java and TypeScript
// printers build them: a head and the calls after it, rendered one call per line.

export interface Chain {
  head: string;
  calls: string[];
}

export const chainOf = (head: string): Chain => ({ head, calls: [] });

export const extend = (chain: Chain, call: string): Chain => ({
  head: chain.head,
  calls: [...chain.calls, call],
});

/** `head.a().b()` on one line when it fits `width`, else one `.call` per line, indented. */
export function renderChain(chain: Chain, indent: string, width: number): string {
  const flat = `${chain.head}${chain.calls.map((c) => `.${c}`).join("")}`;
  if (!flat.includes("\n") && flat.length <= width) return flat;
  const calls = chain.calls.map((c) => `\n${indent}.${c.replaceAll("\n", `\n${indent}`)}`);
  return `${chain.head}${calls.join("")}`;
}

/** Call arguments, on one line when short and simple, else one per line. */
export function args(items: string[], indent: string, width = 64): string {
  const flat = items.join(", ");
  if (!flat.includes("\n") && flat.length <= width) return flat;
  return `\n${items.map((i) => indent + i.replaceAll("\n", `\n${indent}`)).join(",\n")}`;
}
