// The processor graph Kafka Streams' StreamsBuilder would build from a document: processor
// and store names numbered by one shared counter in build order (InternalNameProvider:
// `KSTREAM-FILTER-0000000001`, `<topic>-STATE-STORE-0000000000`), repartition sink/filter/source
// triples, and sub-topologies (processors connected by edges or shared stores). describe()
// prints it; validation takes repartition topic names and sub-topology ids from it.
import type { Analysis } from "./analysis";
import type { Graph } from "./graph";
import { buildProcessors } from "./processor-builders";

export interface Processor {
  name: string;
  type: "source" | "processor" | "sink";
  /** Source: topics read. */
  topics?: string[];
  /** Sink: topic written; undefined for a dynamic sink (TopicNameExtractor). */
  topic?: string;
  stores: string[];
  predecessors: string[];
  successors: string[];
  /** The document node this processor was built for. */
  nodeId?: string;
  global?: boolean;
}

export interface ProcessorGraph {
  processors: Map<string, Processor>;
  /** Kafka Streams sub-topologies (and global stores) with their processor names. */
  groups: { id: number; global: boolean; processors: string[] }[];
}

/** Builds the processor graph and writes repartition names and sub-topology ids into `analysis`. */
export function nameProcessors(graph: Graph, analysis: Analysis): ProcessorGraph {
  const processors = buildProcessors(graph, analysis);
  const groups = groupProcessors(processors);
  for (const p of processors.values()) {
    const node = p.nodeId ? analysis.nodes[p.nodeId] : undefined;
    if (!node) continue;
    node.processors.push(p.name);
    for (const store of p.stores) if (!node.stores.includes(store)) node.stores.push(store);
  }
  for (const g of groups) {
    if (g.global) continue;
    const nodeIds = new Set<string>();
    const sourceTopics = new Set<string>();
    for (const name of g.processors) {
      const p = processors.get(name)!;
      const node = p.nodeId ? analysis.nodes[p.nodeId] : undefined;
      if (node) {
        node.subTopology ??= g.id;
        nodeIds.add(p.nodeId!);
      }
      for (const t of p.topics ?? []) sourceTopics.add(t);
    }
    analysis.subTopologies.push({ id: g.id, nodes: [...nodeIds], sourceTopics: [...sourceTopics] });
  }
  placeProcessorlessNodes(graph, analysis);
  return { processors, groups };
}

/** group-by-key and windowed-by build no processor: they run where their consumer runs
 *  (after the repartition, when there is one). */
function placeProcessorlessNodes(graph: Graph, analysis: Analysis): void {
  for (let i = analysis.order.length - 1; i >= 0; i--) {
    const id = analysis.order[i];
    const node = analysis.nodes[id];
    if (node.subTopology !== undefined) continue;
    const consumer = (graph.outgoing.get(id) ?? [])
      .map((e) => analysis.nodes[e.to.node]?.subTopology)
      .find((t) => t !== undefined);
    if (consumer === undefined) continue;
    node.subTopology = consumer;
    analysis.subTopologies[consumer]?.nodes.push(id);
  }
}

/**
 * InternalTopologyBuilder#makeNodeGroups: processors united by edges and shared stores;
 * groups numbered in the order their first processor was added to the topology
 * ("upstream sub-topologies come before downstream"; older releases sorted the source
 * names, which numbers generated names the same way).
 */
function groupProcessors(processors: Map<string, Processor>): ProcessorGraph["groups"] {
  const parent = new Map<string, string>();
  const root = (n: string): string => {
    let r = n;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let c = n; c !== r; ) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const unite = (a: string, b: string) => parent.set(root(a), root(b));
  for (const name of processors.keys()) parent.set(name, name);
  const storeUsers = new Map<string, string>();
  for (const p of processors.values()) {
    for (const s of p.successors) unite(p.name, s);
    for (const store of p.stores) {
      const other = storeUsers.get(store);
      if (other) unite(p.name, other);
      else storeUsers.set(store, p.name);
    }
  }
  const byRoot = new Map<string, { id: number; global: boolean; processors: string[] }>();
  for (const p of processors.values()) {
    const r = root(p.name);
    let g = byRoot.get(r);
    if (!g) {
      g = { id: byRoot.size, global: false, processors: [] };
      byRoot.set(r, g);
    }
    g.processors.push(p.name);
    if (p.global) g.global = true;
  }
  return [...byRoot.values()];
}

/** Java's String#compareTo on ASCII names (UTF-16 code units). */
export function javaCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
