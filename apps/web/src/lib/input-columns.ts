// Columns an expression on a node can refer to, for completion: what flows into the node.
import type { Topology } from "@riffle/topology";
import type { CompletionColumn } from "./monaco-setup";

const PSEUDO: CompletionColumn[] = [
  { name: "ROWTIME", type: "BIGINT" },
  { name: "ROWPARTITION", type: "INT" },
  { name: "ROWOFFSET", type: "BIGINT" },
];

/** The declared columns of the topics upstream of `nodeId`, plus pseudo-columns. */
export function inputColumns(doc: Topology, nodeId: string): CompletionColumn[] {
  const seen = new Set<string>();
  const columns = new Map<string, CompletionColumn>();
  const stack = doc.edges.filter((e) => e.to.node === nodeId).map((e) => e.from.node);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = doc.nodes.find((n) => n.id === id);
    const topicName = (node?.config as { topic?: string } | undefined)?.topic;
    const topic = doc.topics.find((t) => t.name === topicName);
    for (const c of [...(topic?.key ?? []), ...(topic?.value ?? [])]) columns.set(c.name, c);
    for (const e of doc.edges) if (e.to.node === id) stack.push(e.from.node);
  }
  return [...columns.values(), ...PSEUDO];
}
