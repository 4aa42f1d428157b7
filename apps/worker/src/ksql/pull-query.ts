// Pull queries: `SELECT cols FROM table [WHERE ...]` answered from the state store of the
// running query that materializes the table (Kafka Streams' interactive queries), by key
// lookup, key range or full scan, with WINDOWSTART / WINDOWEND bounds on windowed tables.
import { InvalidStateStoreError, type QueryableStore } from "@riffle/engine";
import {
  type PullBound,
  type PullCondition,
  parsePullQuery,
  type SourceSummary,
} from "@riffle/sql";
import type { Services } from "../http/types";
import type { KsqlCatalog } from "./catalog";
import type { Origin } from "./plan-sql";
import {
  deploymentDocument,
  type Materialization,
  materialization,
  type StoreWindow,
} from "./pull-materialization";
import { projection } from "./pull-projection";
import { parseTimestamp } from "./pull-timestamp";
import { type Columns, columnsOf, header, type QueryHeader } from "./query-rows";
import { StatementError } from "./statement-error";

interface Position {
  line: number;
  column: number;
}

const WINDOW_COLUMNS = [
  { name: "WINDOWSTART", type: "BIGINT" },
  { name: "WINDOWEND", type: "BIGINT" },
];

export async function pullQuery(
  catalog: KsqlCatalog,
  services: Services,
  sql: string,
  origin: Origin,
): Promise<{ header: QueryHeader; rows: unknown[][] }> {
  const fail: Fail = (message, at = { line: 1, column: 1 }) =>
    new StatementError(
      message,
      origin.line + at.line - 1,
      at.line === 1 ? origin.column + at.column - 1 : at.column,
    );
  const parsed = parsePullQuery(sql);
  if (!parsed.ok) throw fail(parsed.errors[0]!.message, parsed.errors[0]);
  const q = parsed.value;
  const s = catalog.sources.get(q.table)?.summary;
  if (!s) throw fail(`${q.table} does not exist.`, q.tablePosition);
  if (s.kind === "STREAM") {
    throw fail(
      `Pull queries are not supported on streams: ${q.table} is a STREAM. Add EMIT CHANGES if you intended to issue a push query.`,
      q.tablePosition,
    );
  }
  const writer = catalog.queries.get(catalog.writersOf(q.table)[0] ?? "");
  if (!writer) {
    throw fail(
      `The \`${q.table}\` table isn't queryable. To derive a queryable table, you can do 'CREATE TABLE QUERYABLE_${q.table} AS SELECT * FROM ${q.table}'.`,
      q.tablePosition,
    );
  }
  const all = allColumns(s);
  const select = projection(q.items, all, fail);
  const conditions = typed(q.conditions, s, fail);
  const document = await deploymentDocument(services, writer.deploymentId);
  const m = materialization(document, s.topic);
  if (typeof m === "string") throw fail(`${q.table} isn't queryable: ${m}.`, q.tablePosition);
  const store = openStore(services, writer.deploymentId, m.store, writer.id, fail);
  const rows = entries(store, conditions, s)
    .map((e) => fields(s, m, e))
    .filter((f): f is Fields => f !== undefined && conditions.every((c) => satisfies(f, c)))
    .slice(0, q.limit)
    .map((f) => select.values(Object.fromEntries(f)));
  return { header: header(`pull_${q.table}`, select.columns), rows };
}

/** ksqlDB's column order for a table: key columns, window bounds when windowed, then values. */
function allColumns(s: SourceSummary): Columns {
  return s.windowed ? [...s.key, ...WINDOW_COLUMNS, ...s.value] : columnsOf(s);
}

type Fail = (message: string, at?: Position) => StatementError;
type Fields = Map<string, unknown>;
type Row = Record<string, unknown>;

/** The WHERE conditions with literals as their columns' types; other columns are refused. */
function typed(conditions: PullCondition[], s: SourceSummary, fail: Fail): PullCondition[] {
  const typeOf = new Map<string, string>(s.key.map((k) => [k.name, k.type]));
  if (s.windowed) for (const w of WINDOW_COLUMNS) typeOf.set(w.name, w.type);
  return conditions.map((c) => {
    const type = typeOf.get(c.column);
    if (!type) throw fail(unsupportedColumn(c.column, s), c.position);
    const bound = (b: PullBound | undefined) =>
      b && { ...b, value: literal(c, b.value, type, fail) };
    const oneOf = c.oneOf?.map((v) => literal(c, v, type, fail));
    return { ...c, lower: bound(c.lower), upper: bound(c.upper), oneOf };
  });
}

function unsupportedColumn(column: string, s: SourceSummary): string {
  if (WINDOW_COLUMNS.some((w) => w.name === column)) {
    return `${column} bounds need a windowed table; ${s.name} is not windowed.`;
  }
  const keys = s.key.map((k) => k.name).join(", ");
  const window = s.windowed ? ", WINDOWSTART and WINDOWEND" : "";
  return `WHERE clause on unsupported column: ${column}. Pull queries on ${s.name} compare the key (${keys})${window} with literals.`;
}

function satisfies(f: Fields, c: PullCondition): boolean {
  const v = f.get(c.column) as number | string | null | undefined;
  if (v === null || v === undefined) return false;
  if (c.oneOf && !c.oneOf.includes(v)) return false;
  const { lower, upper } = c;
  const lo = lower?.value as typeof v;
  const hi = upper?.value as typeof v;
  if (lower && (lower.inclusive ? v < lo : v <= lo)) return false;
  return !(upper && (upper.inclusive ? v > hi : v >= hi));
}

const NUMERIC = /^(INT|BIGINT|DOUBLE|DECIMAL)/;

/** A literal as the column's type; window bounds also take ISO-8601 strings (UTC without zone). */
function literal(c: PullCondition, value: unknown, type: string, fail: Fail): number | string {
  const windowBound = WINDOW_COLUMNS.some((w) => w.name === c.column);
  if (windowBound && (typeof value === "string" || typeof value === "number")) {
    const ms = parseTimestamp(value);
    if (ms === undefined) throw fail(`Invalid timestamp for ${c.column}: '${value}'.`, c.position);
    return ms;
  }
  if (NUMERIC.test(type) ? typeof value === "number" : typeof value === "string") {
    return value as number | string;
  }
  throw fail(
    `${c.column} is ${type}; it cannot be compared with ${JSON.stringify(value)}.`,
    c.position,
  );
}

function openStore(
  services: Services,
  deploymentId: string,
  name: string,
  queryId: string,
  fail: Fail,
) {
  const runner = services.deployments.runner(deploymentId);
  if (!runner) throw fail(`Query ${queryId} is not running, so its state cannot be read.`);
  try {
    const store = runner.store(name);
    if (!store) throw fail(`Query ${queryId} has no state store ${name}.`);
    return store;
  } catch (err) {
    if (!(err instanceof InvalidStateStoreError)) throw err;
    throw fail(`Query ${queryId} is not ready to serve pull queries (${err.message}); try again.`);
  }
}

interface Entry {
  key: unknown;
  value: unknown;
  timestamp: number;
  window?: StoreWindow;
}

/** The store entries the conditions can narrow to: key lookups, a key range, or a scan. */
function entries(store: QueryableStore, conditions: PullCondition[], s: SourceSummary): Entry[] {
  const keys = exactKeys(
    s.key.length === 1 ? conditions.find((c) => c.column === s.key[0]!.name) : undefined,
  );
  if (store.kind === "key-value") {
    if (keys) return keys.flatMap((k) => [store.get(k)].filter((e) => e !== undefined));
    const key = conditions.find((c) => c.column === s.key[0]?.name);
    if (s.key[0]?.type === "STRING") return store.range(key?.lower?.value, key?.upper?.value);
    return store.all();
  }
  if (store.kind === "session") {
    const sessions = keys ? keys.flatMap((k) => store.fetch(k)) : store.all();
    return sessions.map((e) => ({ ...e, window: { start: e.start, end: e.end } }));
  }
  const starts = conditions.find((c) => c.column === "WINDOWSTART");
  const from = (starts?.lower?.value as number | undefined) ?? Number.NEGATIVE_INFINITY;
  const to = (starts?.upper?.value as number | undefined) ?? Number.POSITIVE_INFINITY;
  const windows = keys ? keys.flatMap((k) => store.fetch(k, from, to)) : store.fetchAll(from, to);
  return windows.map((e) => ({ ...e, window: { start: e.start, end: e.start } }));
}

/** The keys a single-column key condition names (`= x` or `IN (...)`); undefined for ranges. */
function exactKeys(c: PullCondition | undefined): unknown[] | undefined {
  if (c?.oneOf) return [...new Set(c.oneOf)];
  const { lower, upper } = c ?? {};
  const same = lower?.inclusive && upper?.inclusive && lower.value === upper.value;
  return same ? [lower.value] : undefined;
}

/** A store entry as the table's named fields; undefined when the table has no such row. */
function fields(s: SourceSummary, m: Materialization, e: Entry): Fields | undefined {
  const window = e.window && {
    start: e.window.start,
    end: m.windowSizeMs === undefined ? e.window.end : e.window.start + m.windowSizeMs,
  };
  const row = m.row(e.key, e.value as Row, e.timestamp, window);
  if (row === undefined) return undefined;
  const f: Fields = new Map();
  if (s.key.length === 1) f.set(s.key[0]!.name, e.key);
  else for (const k of s.key) f.set(k.name, (e.key as Row | null)?.[k.name] ?? null);
  if (window) {
    f.set("WINDOWSTART", window.start);
    f.set("WINDOWEND", window.end);
  }
  for (const c of s.value) f.set(c.name, row[c.name] ?? null);
  return f;
}
