// The catalogue of validation findings: one stable code per problem, its severity and a
// help text. docs/validation-codes.md is generated from this table, so it is the only list.

export type Severity = "error" | "warning" | "info";

export interface CodeInfo {
  severity: Severity;
  title: string;
  help: string;
}

export const CODES = {
  RF001: {
    severity: "error",
    title: "Not JSON",
    help: "The input could not be read as JSON. The message gives the parser's position.",
  },
  RF002: {
    severity: "error",
    title: "Invalid document",
    help: "A top-level field of the document is missing or has the wrong type (name, topics, nodes, edges, layout).",
  },
  RF003: {
    severity: "error",
    title: "Unsupported format version",
    help: 'The `format` field must be "riffle.topology/v1".',
  },
  RF004: {
    severity: "error",
    title: "Unknown node kind",
    help: "The node's `kind` is not one of the kinds in docs/nodes.md; the node is left out of the analysis.",
  },
  RF005: {
    severity: "error",
    title: "Invalid node config",
    help: "A field of the node's `config` is missing or invalid; `field` gives its path.",
  },
  RF006: {
    severity: "error",
    title: "Duplicate node id",
    help: "Node ids must be unique: edges and layout refer to nodes by id. The later node is ignored.",
  },
  RF007: {
    severity: "error",
    title: "Duplicate edge id",
    help: "Edge ids must be unique. The later edge is ignored.",
  },
  RF008: {
    severity: "error",
    title: "Dangling edge",
    help: "The edge starts or ends at a node id that does not exist. The edge is ignored.",
  },
  RF009: {
    severity: "error",
    title: "Malformed node or edge",
    help: "A node needs `id`, `kind` and `config`; an edge needs `id`, `from.node` and `to.node`.",
  },
  RF010: {
    severity: "error",
    title: "Duplicate topic",
    help: "Each topic is declared once; the later declaration is ignored.",
  },
  RF011: {
    severity: "error",
    title: "Invalid column type",
    help: "A declared column's type is not a ksqlDB SQL type such as BIGINT, DECIMAL(10, 2), ARRAY<STRING>.",
  },
  RF101: {
    severity: "error",
    title: "Cycle",
    help: "A Kafka Streams topology is a directed acyclic graph; feeding a result back into its own input needs a sink and a source on a topic.",
  },
  RF102: {
    severity: "error",
    title: "Unknown input port",
    help: "The edge enters a port the node does not have (see its ports in docs/nodes.md).",
  },
  RF103: {
    severity: "error",
    title: "Unknown output port",
    help: "The edge leaves a port the node does not have; a branch node has one port per branch plus `default`.",
  },
  RF104: {
    severity: "error",
    title: "Wrong input kind",
    help: "The port does not accept what flows into it (stream, table, grouped stream, windowed stream, global table). Insert a conversion such as to-stream, to-table or group-by-key.",
  },
  RF105: {
    severity: "error",
    title: "Input not connected",
    help: "Every input port of a node must be connected.",
  },
  RF106: {
    severity: "error",
    title: "Several edges into one port",
    help: "Only a merge node's input takes several edges; use a merge node to combine streams.",
  },
  RF107: {
    severity: "warning",
    title: "Unused output",
    help: "The node's results go nowhere: connect it to a sink or a downstream node, or remove it.",
  },
  RF108: {
    severity: "warning",
    title: "No sink",
    help: "The topology writes to no topic, so it has no visible effect outside its state stores.",
  },
  RF201: {
    severity: "error",
    title: "Unknown source topic",
    help: "A source reads a topic that is not declared in `topics`; declare it with its partition count and schema.",
  },
  RF202: {
    severity: "info",
    title: "Sink topic will be created",
    help: "The sink writes to a topic not declared in `topics`; it will be created when the topology is deployed.",
  },
  RF203: {
    severity: "info",
    title: "Dynamic sink",
    help: "A sink whose topic comes from `topicExpression` (a TopicNameExtractor) runs in Riffle and Kafka Streams but is not exportable to ksqlDB SQL.",
  },
  RF204: {
    severity: "error",
    title: "Sink without topic",
    help: "A sink needs `topic` or `topicExpression`.",
  },
  RF205: {
    severity: "warning",
    title: "Sink with topic and topicExpression",
    help: "A sink has both a fixed topic and a topic expression; the expression wins and `topic` is ignored.",
  },
  RF206: {
    severity: "error",
    title: "Unknown timestamp column",
    help: "A source's timestamp extractor names a value column the topic does not declare.",
  },
  RF301: {
    severity: "error",
    title: "Expression syntax error",
    help: "The expression does not parse; the message gives line and column inside the expression.",
  },
  RF302: {
    severity: "error",
    title: "Expression type error",
    help: "The expression refers to an unknown column or combines types that do not fit, given the schema flowing into the node.",
  },
  RF303: {
    severity: "error",
    title: "Wrong expression type",
    help: "The expression has the wrong result type for its place: predicates are BOOLEAN, topic expressions STRING, explode expressions ARRAY.",
  },
  RF304: {
    severity: "error",
    title: "Invalid aggregate arguments",
    help: "An aggregate function got the wrong number of arguments (COUNT takes 0 or 1, TOPK takes a column and k, the others one column).",
  },
  RF305: {
    severity: "error",
    title: "Incompatible merge inputs",
    help: "The streams merged must have the same key and value columns with the same types.",
  },
  RF306: {
    severity: "error",
    title: "Duplicate column name",
    help: "Two output columns have the same name; give each projection a distinct name.",
  },
  RF307: {
    severity: "error",
    title: "Reducer column mismatch",
    help: "A reducer keeps the value's shape: each adder/subtractor column must be a value column of the input with the same type.",
  },
  RF308: {
    severity: "error",
    title: "Join key types differ",
    help: "Joined records meet by key: the left key (or the foreign-key / global-table key expression) must have the type of the right side's key. Re-key one side (select-key) or cast the key expression.",
  },
  RF401: {
    severity: "error",
    title: "Window on a non-grouped input",
    help: "windowedBy applies to a grouped stream: put group-by-key or group-by before the window.",
  },
  RF402: {
    severity: "error",
    title: "Suppress until window close needs a windowed aggregation",
    help: "Suppressed.untilWindowCloses only applies to the table of a windowed aggregation (count, reduce, aggregate or cogroup after windowed-by).",
  },
  RF403: {
    severity: "error",
    title: "Stream-stream join without window",
    help: "A stream-stream join needs JoinWindows: set `beforeMs` and `afterMs` (and optionally `graceMs`).",
  },
  RF404: {
    severity: "warning",
    title: "Subtractor ignored",
    help: "A reducer's subtractor is only used on grouped tables (KGroupedTable#reduce).",
  },
  RF501: {
    severity: "error",
    title: "Topics not co-partitioned",
    help: "A join's input topics must have the same number of partitions (Kafka Streams' CopartitionedTopicsEnforcer). Repartition the smaller side to the larger count. GlobalKTable and foreign-key joins are exempt.",
  },
  RF502: {
    severity: "error",
    title: "Repartition count does not match",
    help: "A repartition with an explicit partition count joins a source topic with a different count.",
  },
  RF503: {
    severity: "info",
    title: "Repartition inferred",
    help: "The key was changed upstream (map, flat-map, select-key) or the node is a group-by: Kafka Streams writes through an internal repartition topic here.",
  },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
