// What each node kind adds to the processor graph, in the order and with the names Kafka
// Streams' DSL generates them (KStreamImpl, KTableImpl, KGroupedStreamImpl, ...). Names and
// stores share one counter; group-by-key/group-by repartition lazily, when the aggregation
// is built, so their sink/filter/source are numbered after the aggregate's store and name.
import type { Analysis, RepartitionTopic } from "./analysis";
import type { Node, NodeOf } from "./document";
import type { Graph } from "./graph";
import { type InputPort, KINDS } from "./kinds";
import type { Processor } from "./processor-graph";

/** Where downstream processors attach to a node's output port. */
interface Attach {
  name: string;
  /** A repartition Kafka Streams creates only when the aggregation is built. */
  pending?: RepartitionTopic;
  groupedTable?: boolean;
  /** The store behind this table's value getter, and the processor that owns it. */
  store?: { name: string; owner: string };
}

/** Processors have a handful of neighbours and stores: arrays beat Sets here. */
function addOnce(list: string[] | undefined, item: string): void {
  if (list && !list.includes(item)) list.push(item);
}

const pad = (n: number) => String(n).padStart(10, "0");
/** KStreamImpl#createRepartitionedSource: generated names only for generated prefixes. */
const GENERATED = /^KSTREAM.*-[0-9]{10}$/;

class Builder {
  private index = 0;
  readonly processors = new Map<string, Processor>();
  readonly attach = new Map<string, Record<string, Attach>>();

  constructor(
    readonly graph: Graph,
    readonly analysis: Analysis,
  ) {}

  newName(prefix: string): string {
    return prefix + pad(this.index++);
  }

  newStoreName(prefix: string): string {
    return `${prefix}STATE-STORE-${pad(this.index++)}`;
  }

  add(
    name: string,
    type: Processor["type"],
    nodeId: string | undefined,
    extra: Partial<Processor> = {},
  ): string {
    this.processors.set(name, {
      name,
      type,
      nodeId,
      stores: [],
      predecessors: [],
      successors: [],
      ...extra,
    });
    return name;
  }

  /** Adds a processor as the child of `parents`. */
  child(
    name: string,
    nodeId: string | undefined,
    parents: string[],
    stores: string[] = [],
  ): string {
    this.add(name, "processor", nodeId, { stores });
    for (const p of parents) this.connect(p, name);
    return name;
  }

  connect(from: string, to: string): void {
    addOnce(this.processors.get(from)?.successors, to);
    addOnce(this.processors.get(to)?.predecessors, from);
  }

  materialize(store: Attach["store"]): string[] {
    if (!store) return [];
    addOnce(this.processors.get(store.owner)?.stores, store.name);
    return [store.name];
  }

  /** Repartition sink (and null-key filter when optimizable) upstream, a new source downstream. */
  repartition(
    upstream: string,
    prefix: string,
    rep: RepartitionTopic,
    withFilter: boolean,
  ): string {
    const topic = prefix.endsWith("-repartition") ? prefix : `${prefix}-repartition`;
    const generated = [
      this.newName("KSTREAM-SINK-"),
      this.newName("KSTREAM-FILTER-"),
      this.newName("KSTREAM-SOURCE-"),
    ];
    const [sink, filter, source] = GENERATED.test(prefix)
      ? generated
      : [`${topic}-sink`, `${topic}-filter`, `${topic}-source`];
    rep.name = topic;
    // The filter and sink run upstream of the topic; only the source belongs to the node.
    const into = withFilter ? this.child(filter, undefined, [upstream]) : upstream;
    this.add(sink, "sink", undefined, { topic });
    this.connect(into, sink);
    return this.add(source, "source", rep.nodeId, { topics: [topic] });
  }

  /** The repartition analysis inferred on a node's input port, if any. */
  inferred(nodeId: string, port: string): RepartitionTopic | undefined {
    return this.analysis.repartitions.find(
      (r) => r.nodeId === nodeId && r.port === port && r.reason !== "explicit",
    );
  }

  inputs(node: Node, port = "in"): Attach[] {
    return (this.graph.incoming.get(node.id) ?? [])
      .filter((e) => e.to.port === port)
      .map((e) => this.attach.get(e.from.node)?.[e.from.port])
      .filter((a): a is Attach => a !== undefined);
  }

  inputKind(node: Node, port = "in"): string | undefined {
    return this.analysis.nodes[node.id]?.inputs[port]?.[0]?.kind;
  }
}

type Build<N extends Node> = (b: Builder, node: N, input: Attach) => Record<string, Attach>;

const stateless =
  (streamPrefix: string, tablePrefix = streamPrefix): Build<any> =>
  (b, node, input) => {
    const table = b.inputKind(node) === "table";
    const name = b.child(b.newName(table ? tablePrefix : streamPrefix), node.id, [input.name]);
    return { out: { name, store: table ? input.store : undefined } };
  };

const tableSource: Build<NodeOf<"table-source" | "global-table-source">> = (b, node) => {
  const store = node.config.store ?? b.newStoreName(`${node.config.topic}-`);
  const global = node.kind === "global-table-source";
  const source = b.add(b.newName("KSTREAM-SOURCE-"), "source", node.id, {
    topics: [node.config.topic],
    global,
  });
  const stores = node.config.store || global ? [store] : [];
  const name = b.child(b.newName("KTABLE-SOURCE-"), node.id, [source], stores);
  return { out: { name, store: { name: store, owner: name } } };
};

/** KGroupedStream/KGroupedTable aggregations: store, processor, then the lazy repartition. */
const aggregation =
  (fn: "AGGREGATE" | "REDUCE"): Build<NodeOf<"count" | "reduce" | "aggregate">> =>
  (b, node, input) => {
    if (input.groupedTable) {
      const store = node.config.store ?? b.newStoreName(`KTABLE-${fn}-`);
      const sink = b.newName("KSTREAM-SINK-");
      const source = b.newName("KSTREAM-SOURCE-");
      const rep = input.pending!;
      rep.name = `${store}-repartition`;
      b.add(sink, "sink", undefined, { topic: rep.name });
      b.connect(input.name, sink);
      b.add(source, "source", node.id, { topics: [rep.name] });
      const name = b.child(b.newName(`KTABLE-${fn}-`), node.id, [source], [store]);
      return { out: { name, store: { name: store, owner: name } } };
    }
    const store = node.config.store ?? b.newStoreName(`KSTREAM-${fn}-`);
    const name = b.newName(`KSTREAM-${fn}-`);
    const parent = input.pending
      ? b.repartition(input.name, store, input.pending, true)
      : input.name;
    b.child(name, node.id, [parent], [store]);
    return { out: { name, store: { name: store, owner: name } } };
  };

const streamTableJoin: Build<NodeOf<"stream-table-join">> = (b, node, left) => {
  const right = b.inputs(node, "right")[0];
  const rep = b.inferred(node.id, "left");
  const parent = rep ? b.repartition(left.name, left.name, rep, true) : left.name;
  const prefix = node.config.joinType === "left" ? "KSTREAM-LEFTJOIN-" : "KSTREAM-JOIN-";
  const name = b.child(b.newName(prefix), node.id, [parent], b.materialize(right?.store));
  return { out: { name } };
};

/** KStreamImplJoin: a windowed store per side, a join processor per side, then a merge.
 *  OUTERTHIS only for outer joins (rightOuter), OUTEROTHER for left and outer (leftOuter). */
const streamStreamJoin: Build<NodeOf<"stream-stream-join">> = (b, node, left) => {
  const right = b.inputs(node, "right")[0];
  const side = (a: Attach | undefined, port: string) => {
    const rep = b.inferred(node.id, port);
    return a && rep ? b.repartition(a.name, a.name, rep, true) : a?.name;
  };
  const [l, r] = [side(left, "left"), side(right, "right")];
  const { joinType } = node.config;
  const thisWindowed = b.newName("KSTREAM-WINDOWED-");
  const otherWindowed = b.newName("KSTREAM-WINDOWED-");
  const joinThis = b.newName(joinType === "outer" ? "KSTREAM-OUTERTHIS-" : "KSTREAM-JOINTHIS-");
  const joinOther = b.newName(joinType === "inner" ? "KSTREAM-JOINOTHER-" : "KSTREAM-OUTEROTHER-");
  const merge = b.newName("KSTREAM-MERGE-");
  // The shared outer store reuses joinThis's index (KStreamImplJoin#join); it takes none.
  const shared = joinType === "inner" ? [] : [`KSTREAM-OUTERSHARED-${joinThis.slice(-10)}-store`];
  const [thisStore, otherStore] = [`${joinThis}-store`, `${joinOther}-store`];
  b.child(thisWindowed, node.id, l ? [l] : [], [thisStore]);
  b.child(otherWindowed, node.id, r ? [r] : [], [otherStore]);
  b.child(joinThis, node.id, [thisWindowed], [otherStore, ...shared]);
  b.child(joinOther, node.id, [otherWindowed], [thisStore, ...shared]);
  b.child(merge, node.id, [joinThis, joinOther]);
  return { out: { name: merge } };
};

/** KTableImpl#doJoin: merge name first, then KTABLE-JOINTHIS/JOINOTHER whatever the join
 *  type; each side's processor reads the other side's store. */
const tableTableJoin: Build<NodeOf<"table-table-join">> = (b, node, left) => {
  const right = b.inputs(node, "right")[0];
  const merge = b.newName("KTABLE-MERGE-");
  const joinThis = b.newName("KTABLE-JOINTHIS-");
  const joinOther = b.newName("KTABLE-JOINOTHER-");
  b.child(joinThis, node.id, [left.name], b.materialize(right?.store));
  b.child(joinOther, node.id, right ? [right.name] : [], b.materialize(left.store));
  b.child(merge, node.id, [joinThis, joinOther]);
  return { out: { name: merge } };
};

const BUILDERS: { [K in Node["kind"]]: Build<NodeOf<K>> } = {
  "stream-source": (b, node) => ({
    out: {
      name: b.add(b.newName("KSTREAM-SOURCE-"), "source", node.id, { topics: [node.config.topic] }),
    },
  }),
  "table-source": tableSource,
  "global-table-source": tableSource,
  filter: stateless("KSTREAM-FILTER-", "KTABLE-FILTER-"),
  "filter-not": stateless("KSTREAM-FILTER-", "KTABLE-FILTER-"),
  map: stateless("KSTREAM-MAP-"),
  "map-values": stateless("KSTREAM-MAPVALUES-", "KTABLE-MAPVALUES-"),
  "flat-map": stateless("KSTREAM-FLATMAP-"),
  "flat-map-values": stateless("KSTREAM-FLATMAPVALUES-"),
  "select-key": stateless("KSTREAM-KEY-SELECT-"),
  peek: stateless("KSTREAM-PEEK-"),
  branch: (b, node, input) => {
    const split = b.child(b.newName("KSTREAM-BRANCH-"), node.id, [input.name]);
    const out: Record<string, Attach> = {};
    for (const br of node.config.branches)
      out[br.name] = { name: b.child(split + br.name, node.id, [split]) };
    if (node.config.defaultBranch) out.default = { name: b.child(`${split}0`, node.id, [split]) };
    return out;
  },
  merge: (b, node, first) => {
    let acc = first.name;
    for (const next of b.inputs(node).slice(1))
      acc = b.child(b.newName("KSTREAM-MERGE-"), node.id, [acc, next.name]);
    return { out: { name: acc } };
  },
  repartition: (b, node, input) => {
    const prefix = node.config.name ?? b.newName("KSTREAM-REPARTITION-");
    const rep = b.analysis.repartitions.find(
      (r) => r.nodeId === node.id && r.reason === "explicit",
    )!;
    return { out: { name: b.repartition(input.name, prefix, rep, false) } };
  },
  "group-by-key": (b, node, input) => ({ out: { ...input, pending: b.inferred(node.id, "in") } }),
  "group-by": (b, node, input) => {
    const table = b.inputKind(node) === "table";
    // KTableImpl#groupBy calls enableSendingOldValues(true), which materializes a source table.
    if (table) b.materialize(input.store);
    const name = b.child(b.newName(table ? "KTABLE-SELECT-" : "KSTREAM-KEY-SELECT-"), node.id, [
      input.name,
    ]);
    return { out: { name, pending: b.inferred(node.id, "in"), groupedTable: table } };
  },
  "windowed-by": (_b, _node, input) => ({ out: input }),
  count: aggregation("AGGREGATE"),
  aggregate: aggregation("AGGREGATE"),
  reduce: aggregation("REDUCE"),
  cogroup: (b, node) => {
    const store = node.config.store ?? b.newStoreName("COGROUPKSTREAM-AGGREGATE-");
    const parents = node.config.inputs.map((i) => {
      const input = b.inputs(node, i.port)[0];
      const parent = input?.pending
        ? b.repartition(input.name, store, input.pending, true)
        : input?.name;
      return b.child(b.newName("COGROUPKSTREAM-AGGREGATE-"), node.id, parent ? [parent] : [], [
        store,
      ]);
    });
    const name = b.child(b.newName("COGROUPKSTREAM-MERGE-"), node.id, parents);
    return { out: { name, store: { name: store, owner: parents[0] } } };
  },
  suppress: (b, node, input) => {
    const name = b.newName("KTABLE-SUPPRESS-");
    return {
      out: { name: b.child(name, node.id, [input.name], [b.newStoreName("KTABLE-SUPPRESS-")]) },
    };
  },
  "to-table": (b, node, input) => {
    const name = b.newName("KSTREAM-TOTABLE-");
    const store = node.config.store ?? b.newStoreName("KSTREAM-TOTABLE-");
    const rep = b.inferred(node.id, "in");
    const parent = rep ? b.repartition(input.name, name, rep, true) : input.name;
    b.child(name, node.id, [parent], node.config.store ? [store] : []);
    return { out: { name, store: { name: store, owner: name } } };
  },
  "to-stream": stateless("KTABLE-TOSTREAM-"),
  "stream-stream-join": streamStreamJoin,
  "stream-table-join": streamTableJoin,
  "table-table-join": tableTableJoin,
  "foreign-key-join": (b, node, left) => {
    const right = b.inputs(node, "right")[0];
    const stores = [...b.materialize(left.store), ...b.materialize(right?.store)];
    const parents = right ? [left.name, right.name] : [left.name];
    return {
      out: { name: b.child(b.newName("KTABLE-FK-JOIN-OUTPUT-"), node.id, parents, stores) },
    };
  },
  "stream-global-join": (b, node, left) => {
    const prefix = node.config.joinType === "left" ? "KSTREAM-LEFTJOIN-" : "KSTREAM-JOIN-";
    return { out: { name: b.child(b.newName(prefix), node.id, [left.name]) } };
  },
  sink: (b, node, input) => {
    const name = b.add(b.newName("KSTREAM-SINK-"), "sink", node.id, {
      topic: node.config.topicExpression ? undefined : node.config.topic,
    });
    b.connect(input.name, name);
    return {};
  },
};

/** Builds processors for every analysed node in topological (build) order. */
export function buildProcessors(graph: Graph, analysis: Analysis): Map<string, Processor> {
  const b = new Builder(graph, analysis);
  for (const id of analysis.order) {
    const node = graph.nodes.get(id)!;
    const port = (KINDS[node.kind].inputs as (c: unknown) => InputPort[])(node.config)[0]?.name;
    const first = b.inputs(node, port ?? "in")[0];
    const isSource = node.kind.endsWith("source");
    if (!first && !isSource && node.kind !== "cogroup") continue;
    const build = BUILDERS[node.kind] as Build<Node>;
    b.attach.set(id, build(b, node as never, first ?? { name: "" }));
  }
  return b.processors;
}
