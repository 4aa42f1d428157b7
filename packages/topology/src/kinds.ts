// Declarative descriptions of every node kind: palette group, ports and what they accept,
// and a one-line doc. The inspector, validation, docs and codegen all read these, so a
// kind is described once (n8n's node descriptions).
import type { NodeConfig, NodeKind } from "./document";

/** What flows along an edge, in Kafka Streams' terms. */
export type PortKind =
  | "stream"
  | "table"
  | "grouped-stream"
  | "grouped-table"
  | "windowed-stream"
  | "session-windowed-stream"
  | "global-table";

export type PaletteGroup = "Sources" | "Stateless" | "Stateful" | "Windows" | "Joins" | "Sinks";

export interface InputPort {
  name: string;
  accepts: PortKind[];
  /** Several edges may enter this port (merge). */
  multiple?: boolean;
}

export interface KindDescription<K extends NodeKind = NodeKind> {
  kind: K;
  title: string;
  group: PaletteGroup;
  /** Kafka Streams DSL call this kind stands for, for docs and tooltips. */
  dsl: string;
  doc: string;
  inputs: (config: NodeConfig<K>) => InputPort[];
  /** Output ports and their kinds, given the kinds arriving on the inputs (by port name). */
  outputs: (config: NodeConfig<K>, inputs: Record<string, PortKind>) => Record<string, PortKind>;
}

const single =
  (accepts: PortKind[]): (() => InputPort[]) =>
  () => [{ name: "in", accepts }];
const out = (kind: PortKind) => () => ({ out: kind });
const sameAsInput = (_c: unknown, inputs: Record<string, PortKind>) => ({
  out: inputs.in ?? "stream",
});
const GROUPED: PortKind[] = [
  "grouped-stream",
  "grouped-table",
  "windowed-stream",
  "session-windowed-stream",
];
const twoSided = (left: PortKind[], right: PortKind[]) => () => [
  { name: "left", accepts: left },
  { name: "right", accepts: right },
];

function describe<K extends NodeKind>(d: KindDescription<K>): KindDescription<K> {
  return d;
}

export const KINDS: { [K in NodeKind]: KindDescription<K> } = {
  "stream-source": describe({
    kind: "stream-source",
    title: "Stream source",
    group: "Sources",
    dsl: "builder.stream(topic)",
    doc: "Reads a topic as a KStream: every record is an independent event.",
    inputs: () => [],
    outputs: out("stream"),
  }),
  "table-source": describe({
    kind: "table-source",
    title: "Table source",
    group: "Sources",
    dsl: "builder.table(topic)",
    doc: "Reads a topic as a KTable: the latest value per key; a null value deletes the key.",
    inputs: () => [],
    outputs: out("table"),
  }),
  "global-table-source": describe({
    kind: "global-table-source",
    title: "Global table source",
    group: "Sources",
    dsl: "builder.globalTable(topic)",
    doc: "Reads every partition of a topic on every task; joins need no co-partitioning.",
    inputs: () => [],
    outputs: out("global-table"),
  }),
  filter: describe({
    kind: "filter",
    title: "Filter",
    group: "Stateless",
    dsl: "filter(predicate)",
    doc: "Keeps records for which the predicate is true.",
    inputs: single(["stream", "table"]),
    outputs: sameAsInput,
  }),
  "filter-not": describe({
    kind: "filter-not",
    title: "Filter not",
    group: "Stateless",
    dsl: "filterNot(predicate)",
    doc: "Drops records for which the predicate is true.",
    inputs: single(["stream", "table"]),
    outputs: sameAsInput,
  }),
  map: describe({
    kind: "map",
    title: "Map",
    group: "Stateless",
    dsl: "map((k, v) -> KeyValue.pair(...))",
    doc: "Computes a new key and value. Changes the key: the stream is marked for repartitioning.",
    inputs: single(["stream"]),
    outputs: out("stream"),
  }),
  "map-values": describe({
    kind: "map-values",
    title: "Map values",
    group: "Stateless",
    dsl: "mapValues(v -> ...)",
    doc: "Computes a new value; the key is kept, so no repartition follows.",
    inputs: single(["stream", "table"]),
    outputs: sameAsInput,
  }),
  "flat-map": describe({
    kind: "flat-map",
    title: "Flat map",
    group: "Stateless",
    dsl: "flatMap((k, v) -> List<KeyValue>)",
    doc: "Turns each element of an array into a record with a new key and value; marks for repartitioning.",
    inputs: single(["stream"]),
    outputs: out("stream"),
  }),
  "flat-map-values": describe({
    kind: "flat-map-values",
    title: "Flat map values",
    group: "Stateless",
    dsl: "flatMapValues(v -> List)",
    doc: "Turns each element of an array into a record with the same key.",
    inputs: single(["stream"]),
    outputs: out("stream"),
  }),
  "select-key": describe({
    kind: "select-key",
    title: "Select key",
    group: "Stateless",
    dsl: "selectKey((k, v) -> ...)",
    doc: "Sets a new key; the stream is marked for repartitioning.",
    inputs: single(["stream"]),
    outputs: out("stream"),
  }),
  branch: describe({
    kind: "branch",
    title: "Branch",
    group: "Stateless",
    dsl: "split().branch(...).defaultBranch()",
    doc: "Routes each record to the first branch whose predicate matches.",
    inputs: single(["stream"]),
    outputs: (config) => {
      const ports: Record<string, PortKind> = {};
      for (const b of config.branches) ports[b.name] = "stream";
      if (config.defaultBranch) ports.default = "stream";
      return ports;
    },
  }),
  merge: describe({
    kind: "merge",
    title: "Merge",
    group: "Stateless",
    dsl: "merge(other)",
    doc: "Interleaves several streams into one.",
    inputs: () => [{ name: "in", accepts: ["stream"], multiple: true }],
    outputs: out("stream"),
  }),
  peek: describe({
    kind: "peek",
    title: "Peek",
    group: "Stateless",
    dsl: "peek((k, v) -> ...)",
    doc: "Passes records through unchanged; a place to tap the flow.",
    inputs: single(["stream"]),
    outputs: out("stream"),
  }),
  repartition: describe({
    kind: "repartition",
    title: "Repartition",
    group: "Stateless",
    dsl: "repartition(Repartitioned.numberOfPartitions(n))",
    doc: "Writes through an internal repartition topic, optionally with a new partition count.",
    inputs: single(["stream"]),
    outputs: out("stream"),
  }),
  "group-by-key": describe({
    kind: "group-by-key",
    title: "Group by key",
    group: "Stateful",
    dsl: "groupByKey()",
    doc: "Groups by the current key; repartitions first if the key was changed upstream.",
    inputs: single(["stream"]),
    outputs: out("grouped-stream"),
  }),
  "group-by": describe({
    kind: "group-by",
    title: "Group by",
    group: "Stateful",
    dsl: "groupBy((k, v) -> newKey)",
    doc: "Groups by a computed key; always repartitions.",
    inputs: single(["stream", "table"]),
    outputs: (_c, inputs) => ({ out: inputs.in === "table" ? "grouped-table" : "grouped-stream" }),
  }),
  "windowed-by": describe({
    kind: "windowed-by",
    title: "Window",
    group: "Windows",
    dsl: "windowedBy(TimeWindows | SlidingWindows | SessionWindows)",
    doc: "Splits each group into tumbling, hopping, sliding or session windows.",
    inputs: single(["grouped-stream"]),
    outputs: (config) => ({
      out: config.window.type === "session" ? "session-windowed-stream" : "windowed-stream",
    }),
  }),
  count: describe({
    kind: "count",
    title: "Count",
    group: "Stateful",
    dsl: "count()",
    doc: "Counts records per key (and window); emits every update.",
    inputs: single(GROUPED),
    outputs: out("table"),
  }),
  reduce: describe({
    kind: "reduce",
    title: "Reduce",
    group: "Stateful",
    dsl: "reduce(reducer)",
    doc: "Combines values of a key into one value of the same shape.",
    inputs: single(GROUPED),
    outputs: out("table"),
  }),
  aggregate: describe({
    kind: "aggregate",
    title: "Aggregate",
    group: "Stateful",
    dsl: "aggregate(initializer, aggregator)",
    doc: "Computes aggregate functions (SUM, AVG, TOPK...) per key (and window).",
    inputs: single(GROUPED),
    outputs: out("table"),
  }),
  cogroup: describe({
    kind: "cogroup",
    title: "Cogroup",
    group: "Stateful",
    dsl: "cogroup(aggregator).cogroup(...).aggregate(initializer)",
    doc: "Aggregates several grouped streams into one table with one store.",
    inputs: (config) =>
      config.inputs.map((i) => ({ name: i.port, accepts: ["grouped-stream"] as PortKind[] })),
    outputs: out("table"),
  }),
  suppress: describe({
    kind: "suppress",
    title: "Suppress",
    group: "Windows",
    dsl: "suppress(Suppressed.untilWindowCloses(...))",
    doc: "Holds back updates: one final result per window, or at most one per time limit.",
    inputs: single(["table"]),
    outputs: out("table"),
  }),
  "to-table": describe({
    kind: "to-table",
    title: "To table",
    group: "Stateful",
    dsl: "toTable()",
    doc: "Reads a stream as a changelog: the latest value per key.",
    inputs: single(["stream"]),
    outputs: out("table"),
  }),
  "to-stream": describe({
    kind: "to-stream",
    title: "To stream",
    group: "Stateless",
    dsl: "toStream()",
    doc: "Turns a table's updates into a stream of events.",
    inputs: single(["table"]),
    outputs: out("stream"),
  }),
  "stream-stream-join": describe({
    kind: "stream-stream-join",
    title: "Stream-stream join",
    group: "Joins",
    dsl: "join(otherStream, joiner, JoinWindows)",
    doc: "Joins records of two streams whose timestamps are within the join window.",
    inputs: twoSided(["stream"], ["stream"]),
    outputs: out("stream"),
  }),
  "stream-table-join": describe({
    kind: "stream-table-join",
    title: "Stream-table join",
    group: "Joins",
    dsl: "join(table, joiner)",
    doc: "Enriches each stream record with the table's current value for its key.",
    inputs: twoSided(["stream"], ["table"]),
    outputs: out("stream"),
  }),
  "table-table-join": describe({
    kind: "table-table-join",
    title: "Table-table join",
    group: "Joins",
    dsl: "join(otherTable, joiner)",
    doc: "Joins two tables on their keys; an update on either side emits.",
    inputs: twoSided(["table"], ["table"]),
    outputs: out("table"),
  }),
  "foreign-key-join": describe({
    kind: "foreign-key-join",
    title: "Foreign-key join",
    group: "Joins",
    dsl: "join(otherTable, foreignKeyExtractor, joiner)",
    doc: "Joins a table to another on a key taken from its value; no co-partitioning needed.",
    inputs: twoSided(["table"], ["table"]),
    outputs: out("table"),
  }),
  "stream-global-join": describe({
    kind: "stream-global-join",
    title: "Stream-global join",
    group: "Joins",
    dsl: "join(globalTable, keySelector, joiner)",
    doc: "Looks up a global table by a key computed from each stream record.",
    inputs: twoSided(["stream"], ["global-table"]),
    outputs: out("stream"),
  }),
  sink: describe({
    kind: "sink",
    title: "Sink",
    group: "Sinks",
    dsl: "to(topic) | to(TopicNameExtractor)",
    doc: "Writes the stream to a topic, or to a topic named by an expression per record.",
    inputs: single(["stream"]),
    outputs: () => ({}),
  }),
};

export const PALETTE_GROUPS: PaletteGroup[] = [
  "Sources",
  "Stateless",
  "Stateful",
  "Windows",
  "Joins",
  "Sinks",
];
