// The scope an expression on a node is checked with: the one @riffle/topology's analysis used
// for that config field, else (upstream problems hide it) the columns of the topics upstream.
import { parseType, type Scope, type ScopeColumn } from "@riffle/expr";
import type { Topology } from "@riffle/topology";

const PSEUDO: [string, string, string][] = [
  ["ROWTIME", "BIGINT", "timestamp"],
  ["ROWPARTITION", "INT", "partition"],
  ["ROWOFFSET", "BIGINT", "offset"],
];

function column(name: string, type: string, frame: string, field?: string): ScopeColumn | null {
  const parsed = parseType(type);
  return parsed.ok ? { name, type: parsed.value, frame, field } : null;
}

/** Declared columns of the topics upstream of `nodeId`, plus pseudo-columns. */
export function upstreamScope(doc: Topology, nodeId: string): Scope {
  const seen = new Set<string>();
  const columns = new Map<string, ScopeColumn>();
  const stack = doc.edges.filter((e) => e.to.node === nodeId).map((e) => e.from.node);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = doc.nodes.find((n) => n.id === id);
    const topicName = (node?.config as { topic?: string } | undefined)?.topic;
    const topic = doc.topics.find((t) => t.name === topicName);
    for (const c of topic?.key ?? []) {
      const col = column(c.name, c.type, "key", topic!.key.length > 1 ? c.name : undefined);
      if (col) columns.set(c.name, col);
    }
    for (const c of topic?.value ?? []) {
      const col = column(c.name, c.type, "value", topic!.valueUnwrapped ? undefined : c.name);
      if (col) columns.set(c.name, col);
    }
    for (const e of doc.edges) if (e.to.node === id) stack.push(e.from.node);
  }
  const pseudo = PSEUDO.map(([name, type, field]) => column(name, type, "meta", field)!);
  return { columns: [...columns.values(), ...pseudo] };
}
