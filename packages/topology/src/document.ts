// The topology document: the one contract between canvas, SQL, codegen, engine and worker.
// Zod schemas here are the single definition; TypeScript types and docs/topology.schema.json
// are derived from them. Semantics live in `nodes`/`edges`/`topics`; `layout` is presentation only.
import { z } from "zod";

export const FORMAT_VERSION = "riffle.topology/v1";

/** An expression in the ksqlDB expression dialect (see packages/expr). */
export const Expression = z.string().min(1).describe("ksqlDB expression, e.g. `amount > 100`");

/** A column: a name and a ksqlDB SQL type such as `BIGINT`, `DECIMAL(10,2)`, `ARRAY<STRING>`. */
export const Column = z.object({ name: z.string().min(1), type: z.string().min(1) });

/** One output column computed by an expression (a SELECT item). */
export const Projection = z.object({ name: z.string().min(1), expr: Expression });

export const SerdeFormat = z.enum(["JSON", "DELIMITED", "KAFKA"]);

export const Topic = z.object({
  name: z.string().min(1).max(249),
  partitions: z.number().int().min(1).max(10000),
  keyFormat: SerdeFormat.default("KAFKA"),
  valueFormat: SerdeFormat.default("JSON"),
  /** Key columns, ksqlDB-style. One column means the Kafka key is that value unwrapped. */
  key: z.array(Column).default([]),
  /** Value columns. With `valueUnwrapped` the single column is the whole record value. */
  value: z.array(Column).default([]),
  valueUnwrapped: z.boolean().default(false),
  /** Windowed keys (ksqlDB WINDOW_TYPE / WINDOW_SIZE): each record's window travels with it.
   *  Sources read keys as Windowed<K>; `sizeMs` is WINDOW_SIZE of tumbling/hopping windows. */
  windowed: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("time"), sizeMs: z.number().int().min(1).optional() }),
      z.object({ type: z.literal("session") }),
    ])
    .optional(),
});

export const TimestampExtractor = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("record") }),
  z.object({
    kind: z.literal("field"),
    field: z.string().min(1),
    /** Java DateTimeFormatter-style pattern when the field is a string; epoch millis otherwise. */
    format: z.string().optional(),
  }),
  z.object({ kind: z.literal("wall-clock") }),
]);

const Ms = z.number().int().min(0);

export const Window = z.discriminatedUnion("type", [
  z.object({ type: z.literal("tumbling"), sizeMs: Ms.min(1), graceMs: Ms.optional() }),
  z.object({
    type: z.literal("hopping"),
    sizeMs: Ms.min(1),
    advanceMs: Ms.min(1),
    graceMs: Ms.optional(),
  }),
  z.object({ type: z.literal("sliding"), timeDifferenceMs: Ms.min(1), graceMs: Ms.optional() }),
  z.object({ type: z.literal("session"), gapMs: Ms.min(1), graceMs: Ms.optional() }),
]);

/** ksqlDB aggregate functions (UDAFs); each knows how to add and, for tables, to subtract. */
export const AggregateFunction = z.enum([
  "COUNT",
  "SUM",
  "MIN",
  "MAX",
  "AVG",
  "COUNT_DISTINCT",
  "COLLECT_LIST",
  "COLLECT_SET",
  "TOPK",
  "TOPKDISTINCT",
  "EARLIEST_BY_OFFSET",
  "LATEST_BY_OFFSET",
  /** Sum of the elements of an ARRAY of numbers (null elements ignored). */
  "SUM_LIST",
]);

/** `name := fn(args...)`; COUNT with no args is COUNT(*). Literal params (TOPK's k) are args too. */
export const Aggregation = z.object({
  name: z.string().min(1),
  fn: AggregateFunction,
  args: z.array(Expression).default([]),
});

export const JoinType = z.enum(["inner", "left", "outer"]);

const joinCommon = {
  /** Qualifiers by which `columns` expressions reach each side, e.g. `L.amount`. */
  leftAlias: z.string().default("L"),
  rightAlias: z.string().default("R"),
  /** The ValueJoiner. Omitted: every column of both sides, named `<alias>_<column>`. */
  columns: z.array(Projection).optional(),
};

/** Config schema of every node kind, keyed by kind. Descriptions (ports, docs) are in kinds.ts. */
export const NodeConfigs = {
  "stream-source": z.object({
    topic: z.string().min(1),
    timestamp: TimestampExtractor.default({ kind: "record" }),
    offsetReset: z.enum(["earliest", "latest"]).default("earliest"),
  }),
  "table-source": z.object({
    topic: z.string().min(1),
    timestamp: TimestampExtractor.default({ kind: "record" }),
    store: z.string().optional(),
  }),
  "global-table-source": z.object({ topic: z.string().min(1), store: z.string().optional() }),

  filter: z.object({ predicate: Expression }),
  "filter-not": z.object({ predicate: Expression }),
  /** KeyValue mapper: new key from `key`, new value from `columns`. Marks for repartition. */
  map: z.object({
    key: Expression,
    keyName: z.string().default("KEY"),
    columns: z.array(Projection),
  }),
  "map-values": z.object({ columns: z.array(Projection) }),
  /** Each element of the `explode` array, bound as `as`, becomes one record. Marks for repartition. */
  "flat-map": z.object({
    explode: Expression,
    as: z.string().default("ITEM"),
    key: Expression,
    keyName: z.string().default("KEY"),
    columns: z.array(Projection),
  }),
  "flat-map-values": z.object({
    explode: Expression,
    as: z.string().default("ITEM"),
    columns: z.array(Projection),
  }),
  "select-key": z.object({ key: Expression, keyName: z.string().default("KEY") }),
  /** KStream#split: first matching predicate wins; unmatched go to `default` when enabled. */
  branch: z.object({
    branches: z.array(z.object({ name: z.string().min(1), predicate: Expression })).min(1),
    defaultBranch: z.boolean().default(true),
  }),
  merge: z.object({}),
  peek: z.object({}),
  repartition: z.object({
    name: z.string().optional(),
    partitions: z.number().int().min(1).optional(),
  }),

  "group-by-key": z.object({}),
  /** On a stream: re-key then group (always repartitions). On a table: KTable#groupBy. */
  "group-by": z.object({
    key: Expression,
    keyName: z.string().default("KEY"),
    /** For tables: the new value; omitted keeps the value. */
    columns: z.array(Projection).optional(),
  }),
  "windowed-by": z.object({
    window: Window,
    /** Kafka's EmitStrategy (ksqlDB EMIT FINAL = on-window-close, tumbling/hopping only):
     *  unset, every update is emitted; on close, each window once, read back from its store. */
    emitStrategy: z.enum(["on-window-update", "on-window-close"]).optional(),
  }),

  /** KGroupedStream#count: the value is the count itself (a BIGINT column named `column`). */
  count: z.object({ column: z.string().default("COUNT"), store: z.string().optional() }),
  /** Reducer: expressions over the running aggregate `AGG.col` and the new value `NEW.col`;
   *  on grouped tables the subtractor sees `AGG.col` and `OLD.col`. */
  reduce: z.object({
    adder: z.array(Projection),
    subtractor: z.array(Projection).optional(),
    store: z.string().optional(),
  }),
  aggregate: z.object({ aggregations: z.array(Aggregation).min(1), store: z.string().optional() }),
  /** KGroupedStream#cogroup: one input port per entry of `inputs`, all updating one aggregate. */
  cogroup: z.object({
    initializer: z.array(Projection).min(1),
    inputs: z.array(z.object({ port: z.string().min(1), adder: z.array(Projection) })).min(1),
    window: Window.optional(),
    store: z.string().optional(),
  }),
  suppress: z.discriminatedUnion("until", [
    z.object({ until: z.literal("window-close") }),
    z.object({
      until: z.literal("time-limit"),
      timeToWaitMs: Ms,
      maxRecords: z.number().int().min(1).optional(),
    }),
  ]),
  "to-table": z.object({ store: z.string().optional() }),
  "to-stream": z.object({}),

  "stream-stream-join": z.object({
    joinType: JoinType,
    /** JoinWindows: right records within [left.ts - beforeMs, left.ts + afterMs] match. */
    beforeMs: Ms,
    afterMs: Ms,
    graceMs: Ms.optional(),
    ...joinCommon,
  }),
  "stream-table-join": z.object({ joinType: z.enum(["inner", "left"]), ...joinCommon }),
  "table-table-join": z.object({ joinType: JoinType, ...joinCommon }),
  /** KTable#join(other, foreignKeyExtractor): `foreignKey` is evaluated on the left value. */
  "foreign-key-join": z.object({
    joinType: z.enum(["inner", "left"]),
    foreignKey: Expression,
    ...joinCommon,
  }),
  /** KStream#join(GlobalKTable, keySelector): `key` is evaluated on the stream record. */
  "stream-global-join": z.object({
    joinType: z.enum(["inner", "left"]),
    key: Expression,
    ...joinCommon,
  }),

  /** KStream#to. `topicExpression` makes it a dynamic sink (TopicNameExtractor). */
  sink: z.object({
    topic: z.string().min(1).optional(),
    topicExpression: Expression.optional(),
  }),
} as const;

export type NodeKind = keyof typeof NodeConfigs;
export const NODE_KINDS = Object.keys(NodeConfigs) as NodeKind[];

export type NodeConfig<K extends NodeKind> = z.output<(typeof NodeConfigs)[K]>;

const nodeVariants = NODE_KINDS.map((kind) =>
  z.object({
    id: z.string().min(1),
    kind: z.literal(kind),
    label: z.string().optional(),
    config: NodeConfigs[kind],
  }),
);

export const Node = z.discriminatedUnion(
  "kind",
  nodeVariants as unknown as [(typeof nodeVariants)[0], ...(typeof nodeVariants)[number][]],
);

export const PortRef = z.object({ node: z.string().min(1), port: z.string().default("out") });

export const Edge = z.object({
  id: z.string().min(1),
  from: PortRef,
  to: z.object({ node: z.string().min(1), port: z.string().default("in") }),
});

export const Layout = z.object({
  nodes: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).default({}),
});

export const TopologyDocument = z.object({
  format: z.literal(FORMAT_VERSION),
  name: z.string().min(1),
  /** Kafka Streams application.id; prefixes internal topics and the consumer group. */
  applicationId: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional(),
  description: z.string().optional(),
  topics: z.array(Topic).default([]),
  nodes: z.array(z.unknown()).default([]),
  edges: z.array(z.unknown()).default([]),
  layout: Layout.optional(),
});

export type Column = z.output<typeof Column>;
export type Projection = z.output<typeof Projection>;
export type SerdeFormat = z.output<typeof SerdeFormat>;
export type Topic = z.output<typeof Topic>;
export type TimestampExtractor = z.output<typeof TimestampExtractor>;
export type Window = z.output<typeof Window>;
export type AggregateFunction = z.output<typeof AggregateFunction>;
export type Aggregation = z.output<typeof Aggregation>;
export type JoinType = z.output<typeof JoinType>;
/** A node, discriminated by `kind` so that `config` is typed per kind (the zod `Node` schema
 *  erases the per-kind link; this mapped union restores it). */
export type Node = {
  [K in NodeKind]: { id: string; kind: K; label?: string; config: NodeConfig<K> };
}[NodeKind];
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;
export type Edge = z.output<typeof Edge>;
export type Layout = z.output<typeof Layout>;

/** A parsed document: nodes and edges are typed. `parseDocument` produces it with findings. */
export interface Topology {
  format: typeof FORMAT_VERSION;
  name: string;
  applicationId?: string;
  description?: string;
  topics: Topic[];
  nodes: Node[];
  edges: Edge[];
  layout?: Layout;
}
