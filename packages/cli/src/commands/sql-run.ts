// `riffle run --sql FILE.sql --input FILE.jsonl`: imports the script's persistent queries and
// runs them on JSON Lines input records, printing every record written to a topic as a line.
// Also the engine adapter the conformance runner (`riffle test`) uses.
import { compileTopology, delimitedSerde, TopologyTestDriver } from "@riffle/engine";
import { parseType, type SqlType } from "@riffle/expr";
import { type CaseEngine, importSql, type RecordLine } from "@riffle/sql";
import type { Topology } from "@riffle/topology";
import { type Io, processIo } from "../io";
import { formatSqlError, readText } from "./import";

/** Record lines carry DELIMITED values as their text (as ksqlDB's tests do); the engine's
 *  serdes work on rows, so the text is parsed on the way in and printed on the way out. */
function delimitedCodec(document: Topology, part: "key" | "value") {
  const format = part === "key" ? "keyFormat" : "valueFormat";
  /* A single KAFKA-like key column is the key itself, not a one-field row. */
  const rows = document.topics.filter(
    (t) => t[format] === "DELIMITED" && (part === "value" || t.key.length > 1),
  );
  const serdes = new Map(
    rows.map((t) => [t.name, delimitedSerde(t[part].map((c) => ({ name: c.name, type: c.type })))]),
  );
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    toRow: (topic: string, value: unknown) => {
      const serde = serdes.get(topic);
      return serde && typeof value === "string" ? serde.deserialize(encoder.encode(value)) : value;
    },
    toText: (topic: string, value: unknown) => {
      const serde = serdes.get(topic);
      return serde && value !== null && typeof value === "object"
        ? decoder.decode(serde.serialize(value as Record<string, unknown>))
        : value;
    },
  };
}

/** ksqlDB reads JSON fields case-insensitively (`{"name": 1}` fills column NAME), struct
 *  fields included, a missing field as NULL and a scalar into a STRING column as its text;
 *  the engine's JSON serde takes rows as they are, so input rows are conformed first. */
function jsonCodec(document: Topology) {
  const fieldsOf = (columns: Topology["topics"][number]["value"]) =>
    columns.flatMap((c) => {
      const type = parseType(c.type);
      return type.ok ? [{ name: c.name, type: type.value }] : [];
    });
  const json = document.topics.filter((t) => t.valueFormat === "JSON" && !t.valueUnwrapped);
  const values = new Map(json.map((t) => [t.name, fieldsOf(t.value)]));
  const keys = new Map(
    document.topics
      .filter((t) => t.keyFormat === "JSON" && t.key.length > 1)
      .map((t) => [t.name, fieldsOf(t.key)]),
  );
  const conformTo = (fields: Field[] | undefined, row: unknown) =>
    fields && fields.length > 0 && isObject(row) ? renameFields(row, fields) : row;
  return {
    value: (topic: string, value: unknown) => conformTo(values.get(topic), value),
    key: (topic: string, key: unknown) => conformTo(keys.get(topic), key),
  };
}

interface Field {
  name: string;
  type: SqlType;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function renameFields(value: Record<string, unknown>, fields: Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const f of fields) {
    const key =
      keys.find((k) => k === f.name) ?? keys.find((k) => k.toUpperCase() === f.name.toUpperCase());
    out[f.name] = key === undefined ? null : conform(value[key], f.type);
  }
  return out;
}

function conform(value: unknown, type: SqlType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "STRUCT":
      return isObject(value) ? renameFields(value, type.fields) : value;
    case "ARRAY":
      return Array.isArray(value) ? value.map((v) => conform(v, type.element)) : value;
    case "MAP":
      return isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conform(v, type.value)]))
        : value;
    case "STRING":
      return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
    default:
      return value;
  }
}

/** Runs a topology document on records through the engine's test driver, in input order. */
export const runDocument: CaseEngine = async (document, inputs) => {
  const { topology } = compileTopology(document);
  const values = delimitedCodec(document, "value");
  const keys = delimitedCodec(document, "key");
  const conformJson = jsonCodec(document);
  const driver = new TopologyTestDriver(topology);
  try {
    driver.pipeRecords(
      inputs.map((r) => ({
        topic: r.topic,
        key: conformJson.key(r.topic, keys.toRow(r.topic, r.key ?? null)),
        value: conformJson.value(r.topic, values.toRow(r.topic, r.value ?? null)),
        timestamp: r.timestamp ?? 0,
        ...(r.window ? { window: { start: r.window.start, end: r.window.end } } : {}),
      })),
    );
    return driver.allOutput().map(({ topic, key, value, timestamp, window }) => ({
      topic,
      key: keys.toText(topic, key),
      value: values.toText(topic, value),
      timestamp,
      ...(window ? { window } : {}),
    }));
  } finally {
    driver.close();
  }
};

/** Parses JSON Lines records; a bad line is reported with its number. */
export function parseRecordLines(text: string): { records: RecordLine[] } | { error: string } {
  const records: RecordLine[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      const r = JSON.parse(line) as RecordLine;
      if (typeof r?.topic !== "string") return { error: `line ${i + 1}: a record needs a "topic"` };
      records.push(r);
    } catch (e) {
      return { error: `line ${i + 1}: not JSON: ${(e as Error).message}` };
    }
  }
  return { records };
}

export async function runSql(
  sqlFile: string,
  inputFile: string,
  io: Io = processIo,
  engine: CaseEngine = runDocument,
): Promise<number> {
  const script = await readText(sqlFile, io);
  const input = await readText(inputFile, io);
  if (script === undefined || input === undefined) return 2;
  const imported = importSql(script, { name: sqlFile.replace(/^.*\//, "").replace(/\.sql$/i, "") });
  if (!imported.ok) {
    for (const e of imported.errors) io.err(formatSqlError(sqlFile, e));
    return 1;
  }
  const parsed = parseRecordLines(input);
  if ("error" in parsed) {
    io.err(`${inputFile}: ${parsed.error}`);
    return 2;
  }
  try {
    const inputs = parsed.records.map((r) => ({ timestamp: 0, ...r }));
    for (const r of await engine(imported.document, inputs, {})) io.out(JSON.stringify(r));
    return 0;
  } catch (e) {
    io.err(`${sqlFile}: run failed: ${(e as Error).message}`);
    return 1;
  }
}
