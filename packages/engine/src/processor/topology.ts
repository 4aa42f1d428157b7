// Turns the logical graph into the runtime topology: sub-topologies are the connected parts of
// the graph once it is cut at repartition topics (nodes sharing a store stay together), global
// tables form their own part, and every topic gets a partition count.
import type { GraphNode } from "../kstream/internals/graph-node";
import type { TopicConfig } from "../log/log";
import { changelogTopic, type StoreSupplier } from "../state/store";

/** Kafka Streams' windowstore.changelog.additional.retention.ms default: one day. */
const WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface SubTopology {
  readonly id: number;
  /** Nodes in topological order (parents before children). */
  readonly nodes: GraphNode[];
  readonly sourceTopics: string[];
  readonly stores: string[];
  readonly partitions: number;
}

export interface TopologyConfig {
  applicationId: string;
  /** Partition counts of user topics; topics not listed have one partition. */
  topicPartitions?: Record<string, number>;
}

export interface Topology {
  readonly applicationId: string;
  readonly subtopologies: SubTopology[];
  readonly global: SubTopology | undefined;
  readonly stores: Map<string, StoreSupplier>;
  /** Repartition and changelog topics the log must create. */
  readonly internalTopics: Map<string, TopicConfig>;
  readonly sourceTopics: string[];
  readonly sinkTopics: string[];
  partitionsOf(topic: string): number;
  /** Full name of a topic named in the graph (repartition topics get the application id). */
  resolveTopic(topic: string): string;
  describe(): string;
}

export interface LogicalGraph {
  readonly nodes: GraphNode[];
  readonly stores: Map<string, StoreSupplier>;
  /** Repartition topic names (unprefixed) with an optional explicit partition count. */
  readonly repartitionTopics: Map<string, number | undefined>;
}

/** Raised for topologies Kafka Streams would refuse, e.g. joins of non-co-partitioned topics. */
export class TopologyError extends Error {
  override readonly name = "TopologyError";
}

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    const p = this.parent.get(x) ?? x;
    if (p === x) return x;
    const root = this.find(p);
    this.parent.set(x, root);
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

function groupNodes(nodes: GraphNode[]): GraphNode[][] {
  const uf = new UnionFind();
  const byStore = new Map<string, number>();
  for (const node of nodes) {
    for (const p of node.parents) uf.union(node.id, p.id);
    for (const s of node.stores) {
      const other = byStore.get(s);
      if (other === undefined) byStore.set(s, node.id);
      else uf.union(node.id, other);
    }
  }
  const groups = new Map<number, GraphNode[]>();
  for (const node of nodes) {
    const root = uf.find(node.id);
    const g = groups.get(root) ?? [];
    g.push(node);
    groups.set(root, g);
  }
  return [...groups.values()];
}

export function buildTopology(graph: LogicalGraph, config: TopologyConfig): Topology {
  const app = config.applicationId;
  const resolve = (t: string) => (graph.repartitionTopics.has(t) ? `${app}-${t}` : t);
  const declared = config.topicPartitions ?? {};
  const groups = groupNodes(graph.nodes).sort((a, b) => a[0].id - b[0].id);
  const isGlobal = (g: GraphNode[]) => g.some((n) => n.source?.global);
  const topicsOf = (g: GraphNode[], pick: (n: GraphNode) => string[] | undefined) =>
    [...new Set(g.flatMap((n) => pick(n) ?? []))].map(resolve);

  const counts = new Map<string, number>();
  for (const [t, n] of graph.repartitionTopics) if (n !== undefined) counts.set(`${app}-${t}`, n);
  const partitionsOf = (t: string) => counts.get(t) ?? declared[t] ?? 1;
  const streamGroups = groups.filter((g) => !isGlobal(g));
  // Repartition topics without an explicit count take the count of the co-partitioned source
  // topics of the sub-topology reading them, else of the sub-topology writing them.
  const settle = (pick: (g: GraphNode[]) => { known: string[]; open: string[] }) => {
    for (let pass = 0; pass <= streamGroups.length; pass++) {
      for (const g of streamGroups) {
        const { known, open } = pick(g);
        if (known.length === 0) continue;
        const width = Math.max(...known.map(partitionsOf));
        for (const t of open) if (!counts.has(t)) counts.set(t, width);
      }
    }
  };
  const isKnown = (t: string) => counts.has(t) || !isInternal(t);
  settle((g) => {
    const sources = topicsOf(g, (n) => n.source?.topics);
    return { known: sources.filter(isKnown), open: sources.filter((t) => !isKnown(t)) };
  });
  settle((g) => ({
    known: topicsOf(g, (n) => n.source?.topics).filter(isKnown),
    open: topicsOf(g, (n) => n.sinkTopics).filter(isInternal),
  }));
  function isInternal(t: string): boolean {
    return t.startsWith(`${app}-`) && t.endsWith("-repartition");
  }

  const subtopologies: SubTopology[] = streamGroups.map((g, id) => {
    const sourceTopics = topicsOf(g, (n) => n.source?.topics);
    const widths = sourceTopics.map((t) => `${t}=${partitionsOf(t)}`);
    if (g.some((n) => n.copartition) && new Set(sourceTopics.map(partitionsOf)).size > 1) {
      throw new TopologyError(`Topics not co-partitioned: [${widths.join(", ")}]`);
    }
    return {
      id,
      nodes: topological(g),
      sourceTopics,
      stores: [...new Set(g.flatMap((n) => n.stores))],
      partitions: Math.max(1, ...sourceTopics.map(partitionsOf)),
    };
  });
  const globalGroup = groups.filter(isGlobal).flat();
  const global: SubTopology | undefined = globalGroup.length
    ? {
        id: -1,
        nodes: topological(globalGroup),
        sourceTopics: topicsOf(globalGroup, (n) => n.source?.topics),
        stores: [...new Set(globalGroup.flatMap((n) => n.stores))],
        partitions: 1,
      }
    : undefined;

  const internalTopics = new Map<string, TopicConfig>();
  for (const t of graph.repartitionTopics.keys()) {
    internalTopics.set(resolve(t), { partitions: partitionsOf(resolve(t)) });
  }
  for (const sub of subtopologies) {
    for (const s of sub.stores) {
      const store = graph.stores.get(s);
      if (!store?.logged) continue;
      const config: TopicConfig = { partitions: sub.partitions, compacted: true };
      if (store.retentionMs !== undefined) {
        config.retentionMs = store.retentionMs + WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS;
      }
      internalTopics.set(changelogTopic(app, s), config);
    }
  }
  const allSources = [...subtopologies, ...(global ? [global] : [])].flatMap((s) => s.sourceTopics);
  const sinkTopics = [...new Set(graph.nodes.flatMap((n) => n.sinkTopics ?? []).map(resolve))];
  return {
    applicationId: app,
    subtopologies,
    global,
    stores: graph.stores,
    internalTopics,
    sourceTopics: [...new Set(allSources)],
    sinkTopics: sinkTopics.filter((t) => !internalTopics.has(t)),
    partitionsOf,
    resolveTopic: resolve,
    describe: () => describeTopology(subtopologies, global, graph.nodes.length),
  };
}

function topological(nodes: GraphNode[]): GraphNode[] {
  const inGroup = new Set(nodes);
  const seen = new Set<GraphNode>();
  const order: GraphNode[] = [];
  const visit = (n: GraphNode) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const p of n.parents) if (inGroup.has(p)) visit(p);
    order.push(n);
  };
  for (const n of [...nodes].sort((a, b) => a.id - b.id)) visit(n);
  return order;
}

/** Kafka Streams' TopologyDescription text, enough to see sub-topologies and stores. */
function describeTopology(subs: SubTopology[], global: SubTopology | undefined, total: number) {
  const lines = [`Topologies (${total} nodes):`];
  for (const s of [...subs, ...(global ? [global] : [])]) {
    lines.push(
      s.id < 0 ? "  Global sub-topology" : `  Sub-topology: ${s.id} (${s.partitions} partitions)`,
    );
    for (const n of s.nodes) {
      const extra = n.source
        ? ` (topics: [${n.source.topics.join(", ")}])`
        : n.sinkTopics
          ? ` (topic: ${n.sinkTopics.join(", ")})`
          : n.stores.length
            ? ` (stores: [${n.stores.join(", ")}])`
            : "";
      lines.push(
        `    ${n.name}${extra} --> ${n.children.map((c) => c.node.name).join(", ") || "none"}`,
      );
    }
  }
  return lines.join("\n");
}
