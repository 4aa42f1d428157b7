// Record-by-record comparison of expected and produced output, per topic and in order: key,
// value (in the sink's value format), timestamp and window. Differences come back as lines.
import type { SerdeFormat } from "@riffle/topology";
import type { RecordLine } from "./qtt-file";

/** Deep equality of JSON-like values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return (
      typeof a === "number" &&
      typeof b === "number" &&
      Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a))
    );
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as any)[k], (b as any)[k]));
}

/** DELIMITED and KAFKA values compare as their text; JSON structurally. */
function valueEqual(expected: unknown, actual: unknown, format: SerdeFormat | undefined): boolean {
  if (format === "DELIMITED" || format === "KAFKA") {
    if (expected === null || expected === undefined || actual === null || actual === undefined) {
      return (expected ?? null) === (actual ?? null);
    }
    if (typeof expected === "object" || typeof actual === "object")
      return jsonEqual(expected, actual);
    return String(expected) === String(actual) || jsonEqual(expected, actual);
  }
  return jsonEqual(columnsOf(expected ?? null), columnsOf(actual ?? null));
}

/** A JSON row is read back with the sink's columns, named case-insensitively as on input. */
function columnsOf(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toUpperCase(), x]));
}

export interface TopicFormats {
  key?: SerdeFormat;
  value?: SerdeFormat;
}

const show = (r: RecordLine | undefined) => (r ? JSON.stringify(r) : "(none)");

/**
 * Differences between expected and actual records, per expected topic, in order.
 * Topics nobody expects are not compared (QTT checks the topics it lists).
 */
export function compareRecords(
  expected: RecordLine[],
  actual: RecordLine[],
  formatsOf: (topic: string) => TopicFormats,
): string[] {
  const diffs: string[] = [];
  const topics = [...new Set(expected.map((r) => r.topic))];
  for (const topic of topics) {
    const want = expected.filter((r) => r.topic === topic);
    const got = actual.filter((r) => r.topic === topic);
    const n = Math.max(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const problem = recordProblem(want[i], got[i], formatsOf(topic));
      if (problem)
        diffs.push(
          `${topic}[${i}] ${problem}\n    expected ${show(want[i])}\n    actual   ${show(got[i])}`,
        );
    }
  }
  return diffs;
}

function recordProblem(
  want: RecordLine | undefined,
  got: RecordLine | undefined,
  formats: TopicFormats,
): string | undefined {
  if (!want) return "unexpected record";
  if (!got) return "missing record";
  if (!valueEqual(want.key, got.key, formats.key)) return "key differs";
  if (!valueEqual(want.value, got.value, formats.value)) return "value differs";
  if (want.timestamp !== undefined && want.timestamp !== (got.timestamp ?? 0))
    return "timestamp differs";
  if (
    want.window &&
    (want.window.start !== got.window?.start || want.window.end !== got.window?.end)
  ) {
    return "window differs";
  }
  return undefined;
}
