// CREATE STREAM / TABLE with columns: declares the topic with its schema and formats, and
// adds the stream-source or table-source node that later queries read from.
import type { TimestampExtractor, Topic } from "@riffle/topology";
import type { CreateSource } from "./ast";
import type { Catalog, SourceInfo } from "./catalog";
import type { DocBuilder } from "./doc-builder";
import { fail } from "./errors";
import { durationText } from "./parse-clauses";
import {
  bool,
  checkProperties,
  formats,
  integer,
  refuseKafkaMultiKey,
  text,
  unsupported,
} from "./properties";
import type { Row } from "./row";

export function planSource(s: CreateSource, catalog: Catalog, doc: DocBuilder): SourceInfo {
  const kindWord = s.kind === "STREAM" ? "stream" : "table";
  checkProperties(s.properties);
  const existing = catalog.find(s.name.name);
  if (s.orReplace && (s.readOnly || existing?.readOnly)) {
    fail(
      `Cannot add ${kindWord} '${s.name.name}': CREATE OR REPLACE is not supported on source ${kindWord}s.`,
      s.position,
    );
  }
  if (existing && !s.orReplace && !s.ifNotExists) {
    fail(
      `Cannot add ${kindWord} '${s.name.name}': A ${kindWord} with the same name already exists`,
      s.name.position,
    );
  }
  const topicEntry = s.properties.get("KAFKA_TOPIC");
  if (!topicEntry)
    fail('Missing required property "KAFKA_TOPIC" which has no default value.', s.position);
  const fmt = formats(s.properties, { key: "KAFKA" });
  if (!fmt.value)
    fail('Missing required property "VALUE_FORMAT" which has no default value.', s.position);
  if (s.columns.length === 0) {
    unsupported(
      "The statement does not define any columns; schema inference needs a schema registry",
      s.position,
    );
  }
  checkKeys(s);
  const key = s.columns.filter((c) => c.key).map((c) => ({ name: c.name.name, type: c.type }));
  const value = s.columns.filter((c) => !c.key).map((c) => ({ name: c.name.name, type: c.type }));
  refuseKafkaMultiKey(fmt.key, key, s.position);
  const wrap = bool(s.properties, "WRAP_SINGLE_VALUE");
  const row: Row = {
    kind: s.kind === "STREAM" ? "stream" : "table",
    key,
    value,
    valueUnwrapped: value.length === 1 && (fmt.value === "KAFKA" || wrap === false),
    ...windowOf(s),
  };
  const topic = topicEntry.value;
  const partitions = integer(s.properties, "PARTITIONS") ?? doc.partitionsOf(topic) ?? 1;
  doc.topic({
    name: topic,
    partitions,
    keyFormat: fmt.key ?? "KAFKA",
    valueFormat: fmt.value,
    key,
    value,
    valueUnwrapped: row.valueUnwrapped,
    ...keyWindow(s),
  });
  const timestamp = timestampOf(s, row);
  const output =
    s.kind === "STREAM"
      ? doc.add(
          s.name.name,
          "stream-source",
          { topic, timestamp, offsetReset: "earliest" },
          {},
          s.name.name,
        )
      : doc.add(s.name.name, "table-source", { topic, timestamp }, {}, s.name.name);
  return {
    name: s.name.name,
    kind: s.kind,
    topic,
    partitions,
    keyFormat: fmt.key ?? "KAFKA",
    valueFormat: fmt.value,
    row,
    readOnly: s.readOnly,
    declared: true,
    output,
    position: s.position,
  };
}

/** ksqlDB: streams use KEY, tables PRIMARY KEY, and a table needs one. */
function checkKeys(s: CreateSource): void {
  for (const c of s.columns) {
    if (s.kind === "STREAM" && c.primaryKey) {
      fail(
        `Column \`${c.name.name}\` is a 'PRIMARY KEY' column: please use 'KEY' for streams.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
        c.name.position,
      );
    }
    if (s.kind === "TABLE" && c.key && !c.primaryKey) {
      fail(
        `Column \`${c.name.name}\` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
        c.name.position,
      );
    }
  }
  if (s.kind === "TABLE" && !s.columns.some((c) => c.key) && !s.properties.has("WINDOW_TYPE")) {
    fail("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.", s.position);
  }
}

/** The document's form of WINDOW_TYPE / WINDOW_SIZE (checked by windowOf). */
function keyWindow(s: CreateSource): Pick<Topic, "windowed"> {
  const type = text(s.properties, "WINDOW_TYPE")?.toUpperCase();
  if (!type) return {};
  if (type === "SESSION") return { windowed: { type: "session" } };
  const size = s.properties.get("WINDOW_SIZE")!;
  return { windowed: { type: "time", sizeMs: durationText(size.value, size.position) } };
}

function windowOf(s: CreateSource): Pick<Row, "windowed"> {
  const type = text(s.properties, "WINDOW_TYPE")?.toUpperCase();
  if (!type) return {};
  if (type === "SESSION") {
    if (s.properties.has("WINDOW_SIZE")) {
      fail(
        "'WINDOW_SIZE' should not be set for SESSION windows.",
        s.properties.get("WINDOW_SIZE")!.position,
      );
    }
    return { windowed: "session" };
  }
  if (type !== "TUMBLING" && type !== "HOPPING") {
    fail(`Unknown WINDOW_TYPE: ${type}`, s.properties.get("WINDOW_TYPE")!.position);
  }
  if (!s.properties.has("WINDOW_SIZE")) {
    fail(
      `'WINDOW_SIZE' is required for ${type} windows.`,
      s.properties.get("WINDOW_TYPE")!.position,
    );
  }
  return { windowed: "time" };
}

function timestampOf(s: CreateSource, row: Row): TimestampExtractor {
  const entry = s.properties.get("TIMESTAMP");
  if (!entry) return { kind: "record" };
  const field = entry.value.toUpperCase();
  const column = [...row.key, ...row.value].find((c) => c.name === field || c.name === entry.value);
  if (!column) {
    fail(
      `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${field}'`,
      entry.position,
    );
  }
  const format = text(s.properties, "TIMESTAMP_FORMAT");
  return { kind: "field", field: column.name, ...(format ? { format } : {}) };
}
