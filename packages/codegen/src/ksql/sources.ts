// CREATE STREAM / CREATE TABLE statements: for source topics, and for reading a table's
// changelog topic back as a stream (KTable#toStream).
import type { Column, RowSchema, Topic } from "@riffle/topology";
import type { Node } from "../graph";
import { duration, ident, withClause } from "./syntax";

type Props = [string, string | number | boolean][];

/** WITH properties describing a topic: name, partitions, formats, unwrapped single values. */
export function topicProps(topicName: string, topic: Topic | undefined, schema?: RowSchema): Props {
  const props: Props = [["KAFKA_TOPIC", topicName]];
  if (!topic) return props;
  props.push(["PARTITIONS", topic.partitions]);
  props.push(["KEY_FORMAT", topic.keyFormat], ["VALUE_FORMAT", topic.valueFormat]);
  const unwrapped = topic.valueUnwrapped || (schema?.valueUnwrapped ?? false);
  if (unwrapped && topic.valueFormat === "JSON") props.push(["WRAP_SINGLE_VALUE", false]);
  return props;
}

/** WINDOW_TYPE / WINDOW_SIZE of a topic whose keys are windowed. */
function keyWindowProps(topic: Topic | undefined): Props {
  const w = topic?.windowed;
  if (!w) return [];
  if (w.type === "session") return [["WINDOW_TYPE", "SESSION"]];
  const size: Props = w.sizeMs === undefined ? [] : [["WINDOW_SIZE", duration(w.sizeMs)]];
  return [["WINDOW_TYPE", "TUMBLING"], ...size];
}

function columnList(key: Column[], value: Column[], keyWord: string): string {
  const lines = [
    ...key.map((c) => `${ident(c.name)} ${c.type} ${keyWord}`),
    ...value.map((c) => `${ident(c.name)} ${c.type}`),
  ];
  return lines.length === 0 ? "" : ` (\n  ${lines.join(",\n  ")}\n)`;
}

/** `CREATE STREAM ORDERS (ID STRING KEY, ...) WITH (...)` for a source node. */
export function createSource(
  name: string,
  node: Extract<Node, { kind: "stream-source" | "table-source" | "global-table-source" }>,
  topic: Topic | undefined,
  schema: RowSchema,
): string {
  const isStream = node.kind === "stream-source";
  const props = [...topicProps(node.config.topic, topic, schema), ...keyWindowProps(topic)];
  if ("timestamp" in node.config && node.config.timestamp.kind === "field") {
    props.push(["TIMESTAMP", node.config.timestamp.field]);
    if (node.config.timestamp.format)
      props.push(["TIMESTAMP_FORMAT", node.config.timestamp.format]);
  }
  const head = `CREATE ${isStream ? "STREAM" : "TABLE"} ${name}`;
  const columns = columnList(schema.key, schema.value, isStream ? "KEY" : "PRIMARY KEY");
  return `${head}${columns} ${withClause(props)};`;
}

/** A stream over a (non-windowed) table's changelog topic, for operators after KTable#toStream. */
export function createChangelogStream(name: string, topic: string, schema: RowSchema): string {
  const props = withClause([["KAFKA_TOPIC", topic]]);
  return `CREATE STREAM ${name}${columnList(schema.key, schema.value, "KEY")} ${props};`;
}
