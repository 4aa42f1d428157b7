// ksqlDB lexical details: identifier quoting, string literals, durations, WITH and WINDOW clauses.
import type { Window } from "@riffle/topology";
import { splitDuration } from "../duration";

// Words ksqlDB's grammar reserves or that read as functions; such column names are backticked.
const RESERVED = new Set(
  (
    "SELECT FROM WHERE GROUP BY HAVING WINDOW PARTITION EMIT CHANGES FINAL AS AND OR NOT NULL " +
    "TRUE FALSE CASE WHEN THEN ELSE END JOIN INNER LEFT RIGHT FULL OUTER ON WITHIN GRACE PERIOD " +
    "CREATE STREAM TABLE INSERT INTO VALUES WITH KEY PRIMARY IS IN LIKE BETWEEN CAST EXPLODE " +
    "COUNT SUM MIN MAX AVG SIZE ADVANCE TUMBLING HOPPING SESSION TIMESTAMP DATE TIME LIMIT " +
    "ROWTIME ROWKEY ROWPARTITION ROWOFFSET WINDOWSTART WINDOWEND"
  ).split(" "),
);

/** A column or relation name as ksqlDB reads it back unchanged: plain when upper-case. */
export function ident(name: string): string {
  if (/^[A-Z_][A-Z0-9_]*$/.test(name) && !RESERVED.has(name)) return name;
  return `\`${name.replaceAll("`", "``")}\``;
}

export function str(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const UNIT_WORDS = {
  days: "DAY",
  hours: "HOUR",
  minutes: "MINUTE",
  seconds: "SECOND",
  millis: "MILLISECOND",
} as const;

/** `300000` -> `5 MINUTES`, `1000` -> `1 SECOND`. */
export function duration(ms: number): string {
  const { amount, unit } = splitDuration(ms);
  return `${amount} ${UNIT_WORDS[unit]}${amount === 1 ? "" : "S"}`;
}

/** `WITH (KAFKA_TOPIC='x', PARTITIONS=3)`; string values are quoted, numbers and booleans not. */
export function withClause(props: [string, string | number | boolean][]): string {
  if (props.length === 0) return "";
  const items = props.map(([k, v]) => `${k}=${typeof v === "string" ? str(v) : String(v)}`);
  return `WITH (${items.join(", ")})`;
}

function grace(graceMs: number | undefined): string[] {
  return graceMs === undefined ? [] : [`GRACE PERIOD ${duration(graceMs)}`];
}

/** The WINDOW clause of an aggregation; sliding windows have none (the caller reports it). */
export function windowClause(window: Window): string | undefined {
  switch (window.type) {
    case "tumbling":
      return `WINDOW TUMBLING (${[`SIZE ${duration(window.sizeMs)}`, ...grace(window.graceMs)].join(", ")})`;
    case "hopping":
      return `WINDOW HOPPING (${[
        `SIZE ${duration(window.sizeMs)}`,
        `ADVANCE BY ${duration(window.advanceMs)}`,
        ...grace(window.graceMs),
      ].join(", ")})`;
    case "session":
      return `WINDOW SESSION (${[duration(window.gapMs), ...grace(window.graceMs)].join(", ")})`;
    case "sliding":
      return undefined;
  }
}

/** `WITHIN (1 SECOND, 2 SECONDS) GRACE PERIOD ...` for stream-stream joins. */
export function withinClause(beforeMs: number, afterMs: number, graceMs?: number): string {
  const within =
    beforeMs === afterMs
      ? `WITHIN ${duration(beforeMs)}`
      : `WITHIN (${duration(beforeMs)}, ${duration(afterMs)})`;
  return [within, ...grace(graceMs)].join(" ");
}

/** A SELECT item `expr AS name`, or just the name when the expression is that column. */
export function alias(expr: string, name: string): string {
  return expr === ident(name) || expr === name ? ident(name) : `${expr} AS ${ident(name)}`;
}

/** `L.COL` when `expr` is a bare column name; ksqlDB needs join columns qualified. */
export function qualified(aliasName: string, expr: string): string | undefined {
  const column = expr.trim();
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(column)
    ? `${ident(aliasName)}.${ident(column)}`
    : undefined;
}
