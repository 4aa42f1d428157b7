// Statement-level planning: CREATE ... AS SELECT and INSERT INTO add a query ending in a sink
// (tables through toStream), DROP removes a source from the catalog; ksqlDB's checks on
// read-only sources, existing names and output formats are made here.
import type { SerdeFormat, Topic } from "@riffle/topology";
import type { CreateAsSelect, DropSource, InsertInto, Statement } from "./ast";
import type { Catalog, SourceInfo } from "./catalog";
import type { DocBuilder, Out } from "./doc-builder";
import { fail } from "./errors";
import { planQuery, type QueryResult } from "./plan-query";
import { planSource } from "./plan-source";
import {
  bool,
  checkProperties,
  formats,
  integer,
  refuseKafkaMultiKey,
  text,
  unsupported,
} from "./properties";

export function planStatement(s: Statement, catalog: Catalog, doc: DocBuilder): void {
  switch (s.type) {
    case "create-source":
      catalog.add(planSource(s, catalog, doc));
      return;
    case "create-as-select":
      catalog.add(planCreateAs(s, catalog, doc));
      return;
    case "insert-into":
      planInsert(s, catalog, doc);
      return;
    case "drop":
      planDrop(s, catalog);
      return;
    case "unsupported":
      planUnsupported(s, catalog);
  }
}

function planUnsupported(s: Extract<Statement, { type: "unsupported" }>, catalog: Catalog): never {
  const source = s.target && catalog.find(s.target.name);
  const kind = source?.kind === "TABLE" ? "table" : "stream";
  if (source?.readOnly && s.what === "INSERT VALUES") {
    fail(`Cannot insert values into read-only ${kind}: ${source.name}`, s.position);
  }
  if (source?.readOnly && s.what.startsWith("ALTER")) {
    fail(
      `Cannot alter ${kind} '${source.name}': ALTER operations are not supported on source ${kind}s.`,
      s.position,
    );
  }
  unsupported(`${s.what} statements are not supported`, s.position);
}

function planCreateAs(s: CreateAsSelect, catalog: Catalog, doc: DocBuilder): SourceInfo {
  checkProperties(s.properties);
  const existing = catalog.find(s.name.name);
  const kindWord = s.kind === "STREAM" ? "stream" : "table";
  if (existing?.readOnly) {
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
  const q = planQuery(s.query, s.name.name, catalog, doc);
  const resultKind = q.row.kind === "table" ? "TABLE" : "STREAM";
  if (resultKind !== s.kind) {
    const msg =
      s.kind === "TABLE"
        ? "Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead."
        : "Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.";
    fail(msg, s.position);
  }
  const fmt = formats(s.properties, { key: q.source.keyFormat, value: q.source.valueFormat });
  if (q.keyless && s.properties.has("KEY_FORMAT")) {
    fail(
      "Key format specified for stream without key columns.",
      s.properties.get("KEY_FORMAT")!.position,
    );
  }
  const topic = text(s.properties, "KAFKA_TOPIC") ?? s.name.name;
  const partitions = integer(s.properties, "PARTITIONS") ?? q.source.partitions;
  const wrap = bool(s.properties, "WRAP_SINGLE_VALUE");
  const valueFormat = fmt.value ?? "JSON";
  const keyFormat: SerdeFormat = fmt.key ?? "KAFKA";
  refuseKafkaMultiKey(keyFormat, q.row.key, s.position);
  const valueUnwrapped = q.row.value.length === 1 && (valueFormat === "KAFKA" || wrap === false);
  const row = { ...q.row, valueUnwrapped };
  doc.topic({
    name: topic,
    partitions,
    keyFormat,
    valueFormat,
    key: row.key,
    value: row.value,
    valueUnwrapped,
    ...windowedKeys(s, q, doc),
  });
  addSink(s.name.name, q, topic, doc);
  return {
    name: s.name.name,
    kind: s.kind,
    topic,
    partitions,
    keyFormat,
    valueFormat,
    row,
    readOnly: false,
    declared: false,
    output: q.out,
    position: s.position,
  };
}

function addSink(owner: string, q: QueryResult, topic: string, doc: DocBuilder): void {
  const stream: Out =
    q.row.kind === "table" ? doc.add(owner, "to-stream", {}, { in: q.out }) : q.out;
  doc.add(owner, "sink", { topic }, { in: stream }, owner);
}

function planInsert(s: InsertInto, catalog: Catalog, doc: DocBuilder): void {
  const target = catalog.get(s.target);
  if (target.kind === "TABLE") {
    fail(
      `INSERT INTO can only be used to insert into a stream. ${target.name} is a table.`,
      s.position,
    );
  }
  if (target.readOnly) fail(`Cannot insert into read-only stream: ${target.name}`, s.position);
  const q = planQuery(s.query, target.name, catalog, doc);
  const same = (a: typeof q.row.value, b: typeof q.row.value) =>
    a.length === b.length && a.every((c, i) => c.name === b[i].name && c.type === b[i].type);
  if (!same(q.row.key, target.row.key) || !same(q.row.value, target.row.value)) {
    fail(
      `Incompatible schema between results and sink. Result schema is ${schemaText(q.row)}, but the sink schema is ${schemaText(target.row)}.`,
      s.position,
    );
  }
  addSink(target.name, q, target.topic, doc);
}

function schemaText(row: QueryResult["row"]): string {
  return [
    ...row.key.map((c) => `\`${c.name}\` ${c.type} KEY`),
    ...row.value.map((c) => `\`${c.name}\` ${c.type}`),
  ].join(", ");
}

function planDrop(s: DropSource, catalog: Catalog): void {
  const source = catalog.find(s.name.name);
  if (!source) {
    if (s.ifExists) return;
    fail(
      `${s.kind === "STREAM" ? "Stream" : "Table"} ${s.name.name} does not exist.`,
      s.name.position,
    );
  }
  if (s.deleteTopic && source.readOnly) {
    fail(`Cannot delete topic for read-only source: ${source.name}`, s.position);
  }
  catalog.remove(source.name);
}

/** A query writing windowed keys: its own window, or that of the windowed source it reads. */
function windowedKeys(s: CreateAsSelect, q: QueryResult, doc: DocBuilder): Pick<Topic, "windowed"> {
  if (!q.row.windowed) return {};
  const w = s.query.window;
  if (w)
    return {
      windowed: w.type === "session" ? { type: "session" } : { type: "time", sizeMs: w.sizeMs },
    };
  return { windowed: doc.getTopic(q.source.topic)?.windowed ?? { type: q.row.windowed } };
}
