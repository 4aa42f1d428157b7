// Reading WITH (...) properties: formats, topic, partitions, timestamp, wrapping, windows.
// Schema-registry formats are recognised and refused as unsupported.
import type { SerdeFormat } from "@riffle/topology";
import type { Properties } from "./ast";
import { fail, type Position, SqlFailure } from "./errors";

const SUPPORTED_FORMATS = new Set(["JSON", "DELIMITED", "KAFKA"]);
const KNOWN_FORMATS = new Set(["AVRO", "PROTOBUF", "PROTOBUF_NOSR", "JSON_SR", "NONE"]);

/** Raised for constructs Riffle knows but cannot run; the conformance runner counts them apart. */
export class UnsupportedFailure extends SqlFailure {
  override toError() {
    return { ...super.toError(), unsupported: true };
  }
}

export function unsupported(message: string, position: Position): never {
  throw new UnsupportedFailure(message, position);
}

const KNOWN_PROPERTIES = new Set([
  "KAFKA_TOPIC",
  "KEY_FORMAT",
  "VALUE_FORMAT",
  "FORMAT",
  "PARTITIONS",
  "REPLICAS",
  "TIMESTAMP",
  "TIMESTAMP_FORMAT",
  "WINDOW_TYPE",
  "WINDOW_SIZE",
  "WRAP_SINGLE_VALUE",
  "VALUE_DELIMITER",
  "KEY_DELIMITER",
  "RETENTION_MS",
]);

export function checkProperties(props: Properties): void {
  for (const [name, { position }] of props) {
    if (name.includes("SCHEMA")) unsupported(`Property ${name} needs a schema registry`, position);
    if (!KNOWN_PROPERTIES.has(name)) fail(`Unknown property: ${name}`, position);
  }
}

export function text(props: Properties, name: string): string | undefined {
  return props.get(name)?.value;
}

function format(props: Properties, name: string): SerdeFormat | undefined {
  const entry = props.get(name);
  if (!entry) return undefined;
  const value = entry.value.toUpperCase();
  if (SUPPORTED_FORMATS.has(value)) return value as SerdeFormat;
  if (KNOWN_FORMATS.has(value)) unsupported(`The ${value} format is not supported`, entry.position);
  fail(`Unknown format: ${entry.value}`, entry.position);
}

/** Key and value formats from FORMAT / KEY_FORMAT / VALUE_FORMAT, falling back to `inherit`. */
export function formats(
  props: Properties,
  inherit: { key?: SerdeFormat; value?: SerdeFormat },
): { key?: SerdeFormat; value?: SerdeFormat } {
  const both = format(props, "FORMAT");
  const key = format(props, "KEY_FORMAT");
  const value = format(props, "VALUE_FORMAT");
  if (both && (key || value)) {
    fail(
      "Cannot supply both 'FORMAT' and 'KEY_FORMAT' or 'VALUE_FORMAT'",
      props.get("FORMAT")!.position,
    );
  }
  return { key: both ?? key ?? inherit.key, value: both ?? value ?? inherit.value };
}

export function integer(props: Properties, name: string): number | undefined {
  const entry = props.get(name);
  if (!entry) return undefined;
  const n = Number(entry.value);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer`, entry.position);
  return n;
}

export function bool(props: Properties, name: string): boolean | undefined {
  const entry = props.get(name);
  if (!entry) return undefined;
  const v = entry.value.toUpperCase();
  if (v !== "TRUE" && v !== "FALSE") fail(`${name} must be true or false`, entry.position);
  return v === "TRUE";
}

/** ksqlDB's names for column types in messages (`INTEGER`, not `INT`). */
const KSQL_TYPE_NAMES: Record<string, string> = { INT: "INTEGER", STRING: "STRING" };

/** ksqlDB refuses several key columns in the KAFKA key format, listing them. */
export function refuseKafkaMultiKey(
  keyFormat: string | undefined,
  key: { name: string; type: string }[],
  position: Position,
): void {
  if (key.length < 2 || keyFormat !== "KAFKA") return;
  const columns = key
    .map((c) => `\`${c.name}\` ${KSQL_TYPE_NAMES[c.type] ?? c.type} KEY`)
    .join(", ");
  fail(
    `Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[${columns}], features=[]}\nreason: The 'KAFKA' format only supports a single field. Got: [${columns}]`,
    position,
  );
}
