// describe(): the topology printed exactly as Kafka Streams' Topology#describe() prints it
// (TopologyDescription#toString): sub-topologies and global stores by id, nodes ordered by
// the size of the sub-graph below them then by name, `-->` successors, `<--` predecessors.
import { javaCompare, type Processor, type ProcessorGraph } from "./processor-graph";
import { validateWithProcessors } from "./validate";

/**
 * Describes a topology document (or a parsed Topology) in Kafka Streams' format.
 * @example describe(doc).startsWith("Topologies:\n   Sub-topology: 0\n")
 */
export function describe(input: unknown): string {
  const { processors } = validateWithProcessors(input);
  return processors ? formatDescription(processors) : "Topologies:\n ";
}

export function formatDescription(pg: ProcessorGraph): string {
  const size = subtreeSizes(pg.processors);
  const order = (names: Iterable<string>) =>
    [...names].sort((a, b) => size.get(b)! - size.get(a)! || javaCompare(a, b));
  const list = (names: Iterable<string>) => {
    const sorted = order(names);
    return sorted.length === 0 ? "none" : sorted.join(", ");
  };
  const node = (p: Processor): string => {
    if (p.type === "source")
      return `Source: ${p.name} (topics: [${p.topics!.join(", ")}])\n      --> ${list(p.successors)}`;
    if (p.type === "sink") {
      const target =
        p.topic === undefined ? "extractor class: TopicNameExtractor" : `topic: ${p.topic}`;
      return `Sink: ${p.name} (${target})\n      <-- ${list(p.predecessors)}`;
    }
    const stores = [...p.stores].sort(javaCompare).join(", ");
    return `Processor: ${p.name} (stores: [${stores}])\n      --> ${list(p.successors)}\n      <-- ${list(p.predecessors)}`;
  };
  let out = "Topologies:\n ";
  for (const g of pg.groups) {
    const nodes = order(g.processors)
      .map((n) => `    ${node(pg.processors.get(n)!)}\n`)
      .join("");
    out += g.global
      ? `  Sub-topology: ${g.id} for global store (will not generate tasks)\n${nodes}`
      : `  Sub-topology: ${g.id}\n${nodes}\n`;
  }
  return out;
}

/** AbstractNode#size: the node plus, per path, every node below it. */
function subtreeSizes(processors: Map<string, Processor>): Map<string, number> {
  const size = new Map<string, number>();
  const visit = (name: string): number => {
    const known = size.get(name);
    if (known !== undefined) return known;
    let n = 1;
    for (const s of processors.get(name)?.successors ?? []) n += visit(s);
    size.set(name, n);
    return n;
  };
  for (const name of processors.keys()) visit(name);
  return size;
}
