// Pull queries (ksqlDB's `SELECT ... FROM table WHERE ...` without EMIT CHANGES), parsed with
// the SELECT grammar: the projected expressions, the table, and WHERE as per-column bounds on
// the key, WINDOWSTART and WINDOWEND, the shapes a store can answer by lookup or range.
import type { Expr, LiteralValue } from "@riffle/expr";
import { Cursor } from "./cursor";
import { fail, type Position, type SqlError, SqlFailure } from "./errors";
import { parseSelect } from "./parse-select";

/** One side of a range; `inclusive` for <=, >=, = and BETWEEN. */
export interface PullBound {
  value: LiteralValue;
  inclusive: boolean;
}

/** What WHERE says about one column: `key = x` is lower = upper = x, both inclusive. */
export interface PullCondition {
  /** Upper-cased unless quoted, as ksqlDB resolves identifiers. */
  column: string;
  position: Position;
  lower?: PullBound;
  upper?: PullBound;
  /** `col IN (a, b)`: one of these values (ksqlDB's multi-key lookup). */
  oneOf?: LiteralValue[];
}

/** `*`, or an expression (a bare column is one) with its alias when given. */
export type PullItem =
  | { kind: "star" }
  | { kind: "expression"; expr: Expr; alias?: string; position: Position };

export interface PullQuery {
  table: string;
  tablePosition: Position;
  items: PullItem[];
  conditions: PullCondition[];
  /** LIMIT: at most this many rows. */
  limit?: number;
}

export type PullQueryResult = { ok: true; value: PullQuery } | { ok: false; errors: SqlError[] };

/**
 * Parses a pull query; positions are relative to `text` (line 1, column 1).
 * @example parsePullQuery("SELECT * FROM counts WHERE id BETWEEN 'a' AND 'c'")
 */
export function parsePullQuery(text: string): PullQueryResult {
  // LIMIT can only close the statement; the persistent-query SELECT grammar refuses it, so it
  // is taken off the end (positions before it are unchanged).
  const limit = /\sLIMIT\s+(\d+)\s*$/i.exec(text);
  const select = limit ? text.slice(0, limit.index) : text;
  try {
    const value = pullQuery(Cursor.of({ text: select, line: 1, column: 1 }));
    return { ok: true, value: limit ? { ...value, limit: Number(limit[1]) } : value };
  } catch (e) {
    if (e instanceof SqlFailure) return { ok: false, errors: [e.toError()] };
    throw e;
  }
}

function pullQuery(c: Cursor): PullQuery {
  const select = parseSelect(c);
  if (!c.atEnd) c.unexpected("end of statement");
  const refuse = (what: string, at: Position): never =>
    fail(`Pull queries don't support ${what}. Add EMIT CHANGES for a push query.`, at);
  if (select.emit) refuse(`EMIT ${select.emit.toUpperCase()}`, select.position);
  if (select.joins[0]) refuse("JOIN clauses", select.joins[0].position);
  if (select.window) refuse("WINDOW clauses", select.window.position);
  if (select.groupBy?.[0]) refuse("GROUP BY clauses", select.groupBy[0].position);
  if (select.partitionBy) refuse("PARTITION BY clauses", select.partitionBy.position);
  if (select.having) refuse("HAVING clauses", select.having.position);
  const items = select.items.map((item): PullItem => {
    if (item.kind === "star") {
      if (item.qualifier) fail("Pull queries select * without a qualifier", item.position);
      return { kind: "star" };
    }
    const e = item.expr.expr;
    if (!e) fail("Pull queries select * or expressions", item.expr.position);
    return { kind: "expression", expr: e, alias: item.alias?.name, position: item.expr.position };
  });
  const conditions = new Map<string, PullCondition>();
  if (select.where?.expr) {
    for (const term of conjuncts(select.where.expr)) addTerm(conditions, term);
  }
  const t = select.from.name;
  return { table: t.name, tablePosition: t.position, items, conditions: [...conditions.values()] };
}

function conjuncts(e: Expr): Expr[] {
  return e.kind === "binary" && e.op === "AND"
    ? [...conjuncts(e.left), ...conjuncts(e.right)]
    : [e];
}

const FLIPPED = { "=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;
type Comparison = keyof typeof FLIPPED;

/** `col op literal`, `literal op col`, `col BETWEEN a AND b` or `col IN (...)`, narrowing the column. */
function addTerm(conditions: Map<string, PullCondition>, e: Expr): void {
  function unsupported(): never {
    fail(
      "Unsupported WHERE clause in a pull query: use comparisons (or IN lists) of the key column, WINDOWSTART or WINDOWEND with literals, joined by AND",
      e.pos,
    );
  }
  if (e.kind === "between" && !e.negated && e.operand.kind === "column") {
    const cond = condition(conditions, e.operand);
    narrow(cond, "lower", { value: literal(e.low, unsupported), inclusive: true });
    narrow(cond, "upper", { value: literal(e.high, unsupported), inclusive: true });
    return;
  }
  if (e.kind === "in" && !e.negated && e.operand.kind === "column") {
    const cond = condition(conditions, e.operand);
    if (cond.oneOf) fail(`A pull query takes one IN list on ${cond.column}`, cond.position);
    cond.oneOf = e.list.map((item) => literal(item, unsupported));
    return;
  }
  if (e.kind !== "binary" || !(e.op in FLIPPED)) unsupported();
  const [col, op, other] =
    e.left.kind === "column"
      ? [e.left, e.op as Comparison, e.right]
      : [e.right, FLIPPED[e.op as Comparison], e.left];
  if (col.kind !== "column") unsupported();
  const cond = condition(conditions, col);
  const value = literal(other, unsupported);
  const inclusive = op === "=" || op.endsWith("=");
  if (op !== "<" && op !== "<=") narrow(cond, "lower", { value, inclusive });
  if (op !== ">" && op !== ">=") narrow(cond, "upper", { value, inclusive });
}

function condition(conditions: Map<string, PullCondition>, col: Expr & { kind: "column" }) {
  const column = columnName(col);
  let cond = conditions.get(column);
  if (!cond) {
    cond = { column, position: { line: col.pos.line, column: col.pos.column } };
    conditions.set(column, cond);
  }
  return cond;
}

function narrow(cond: PullCondition, side: "lower" | "upper", bound: PullBound): void {
  if (cond[side]) {
    fail(`A pull query takes one ${side} bound on ${cond.column}`, cond.position);
  }
  cond[side] = bound;
}

function literal(e: Expr, unsupported: () => never): LiteralValue {
  if (e.kind === "literal") return e.value;
  if (e.kind === "unary" && e.op === "-" && e.operand.kind === "literal") {
    if (typeof e.operand.value === "number") return -e.operand.value;
  }
  return unsupported();
}

function columnName(e: Expr & { kind: "column" }): string {
  return e.quoted ? e.name : e.name.toUpperCase();
}
