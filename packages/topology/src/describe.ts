// describe(): the topology printed exactly as Kafka Streams' Topology#describe() prints it
// (TopologyDescription#toString): sub-topologies and global stores by id, nodes ordered by
// the size of the sub-graph below them then by name, `-->` successors and `<--` predecessors
// in the order Kafka Streams' own sets end up in.
import { hashMapOrder, JavaTreeSet } from "./java-collections";
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
  let out = "Topologies:\n ";
  for (const g of pg.groups) {
    const { size, successors, predecessors } = connect(g.processors, pg.processors);
    const nodes = [...g.processors]
      .sort((a, b) => size.get(b)! - size.get(a)! || javaCompare(a, b))
      .map(
        (n) =>
          `    ${formatNode(pg.processors.get(n)!, successors.get(n)!, predecessors.get(n)!)}\n`,
      )
      .join("");
    out += g.global
      ? `  Sub-topology: ${g.id} for global store (will not generate tasks)\n${nodes}`
      : `  Sub-topology: ${g.id}\n${nodes}\n`;
  }
  return out;
}

function formatNode(p: Processor, successors: string[], predecessors: string[]): string {
  const list = (names: string[]) => (names.length === 0 ? "none" : names.join(", "));
  if (p.type === "source") {
    return `Source: ${p.name} (topics: [${p.topics!.join(", ")}])\n      --> ${list(successors)}`;
  }
  if (p.type === "sink") {
    const target =
      p.topic === undefined ? "extractor class: TopicNameExtractor" : `topic: ${p.topic}`;
    return `Sink: ${p.name} (${target})\n      <-- ${list(predecessors)}`;
  }
  const stores = [...p.stores].sort(javaCompare).join(", ");
  return `Processor: ${p.name} (stores: [${stores}])\n      --> ${list(successors)}\n      <-- ${list(predecessors)}`;
}

/**
 * InternalTopologyBuilder#describeSubtopology: walks the nodes in HashMap order, links each
 * to its predecessors in TreeSets ordered by sub-tree size then name, and grows the sizes of
 * all ancestors as it goes. Sets keep the order they had when each element went in, so
 * successor lists depend on this walk; replaying it gives Kafka Streams' exact text.
 */
function connect(names: readonly string[], processors: Map<string, Processor>) {
  const size = new Map(names.map((n) => [n, 1]));
  const byCurrentSize = (a: string, b: string) =>
    a === b ? 0 : size.get(b)! - size.get(a)! || javaCompare(a, b);
  const succ = new Map(names.map((n) => [n, new JavaTreeSet<string>(byCurrentSize)]));
  const pred = new Map(names.map((n) => [n, new JavaTreeSet<string>(byCurrentSize)]));
  const grow = (name: string, delta: number) => {
    size.set(name, size.get(name)! + delta);
    for (const p of pred.get(name)!.values()) grow(p, delta);
  };
  for (const name of hashMapOrder(names)) {
    for (const p of processors.get(name)!.predecessors) {
      if (!size.has(p)) continue;
      pred.get(name)!.add(p);
      succ.get(p)!.add(name);
      grow(p, size.get(name)!);
    }
  }
  const values = (sets: Map<string, JavaTreeSet<string>>) =>
    new Map([...sets].map(([n, set]) => [n, set.values()]));
  return { size, successors: values(succ), predecessors: values(pred) };
}
