// Resolves the column references of an embedded expression against what a node can read,
// with ksqlDB's messages ("WHERE column 'BOB' cannot be resolved."), rewrites them into the
// names the node's scope uses, and type-checks the result with @riffle/expr.
import { type Expr, formatType, parseExpression, type Scope, typeCheck } from "@riffle/expr";
import type { ExprRef } from "./cursor";
import { fail, type Position } from "./errors";
import { columnRefs, type Splice, splice } from "./expr-tokens";
import { PSEUDO_COLUMNS, pseudoColumnsOf, quoteName, type Row, scopeOf } from "./row";

/** A column an expression may name (`qualifier.name`) and the row column it reads. */
export interface Resolvable {
  name: string;
  qualifier?: string;
  type: string;
  /** The column's name in the node's input row; the rewritten expression names this. */
  column: string;
  /** Part of `SELECT *`. */
  star: boolean;
  /** Name of an output column selecting it bare, when not `column` (a renamed group key). */
  output?: string;
}

/** What an expression sees: the nameable columns and the scope of the rewritten text. */
export interface Context {
  columns: Resolvable[];
  scope: Scope;
}

/** Columns of a single-input row, each qualified by `qualifier` and named as in the row. */
export function rowContext(row: Row, qualifier?: string): Context {
  const cols = [...row.key, ...row.value].map((c) => ({
    name: c.name,
    qualifier: c.qualifier ?? qualifier,
    type: c.type,
    column: c.name,
    star: true,
  }));
  const pseudo = pseudoColumnsOf(row).map((name) => ({
    name,
    qualifier,
    type: PSEUDO_COLUMNS[name].type,
    column: name,
    star: false,
  }));
  return { columns: [...cols, ...pseudo], scope: scopeOf(row) };
}

export interface Resolved {
  text: string;
  type: string;
  /** The columns the expression names, in order. */
  used: Resolvable[];
}

/** Finds the column `qualifier.name` (or `name`) in the context, or fails ksqlDB's way. */
export function findColumn(
  ctx: Context,
  name: string,
  qualifier: string | undefined,
  clause: string,
  position: Position,
): Resolvable {
  const matches = ctx.columns.filter(
    (c) => c.name === name && (qualifier === undefined || c.qualifier === qualifier),
  );
  const shown = qualifier ? `${qualifier}.${name}` : name;
  if (matches.length === 0) fail(`${clause} column '${shown}' cannot be resolved.`, position);
  if (matches.length > 1 && new Set(matches.map((m) => m.column)).size > 1) {
    const options = matches.map((m) => `${m.qualifier}.${m.name}`).join(", ");
    fail(`Column '${name}' is ambiguous. Could be any of: ${options}`, position);
  }
  return matches[0];
}

/** Resolves and rewrites `ref`; `extra` splices (aggregate calls) are applied as well. */
export function resolve(
  ref: ExprRef,
  ctx: Context,
  clause: string,
  extra: Splice[] = [],
): Resolved {
  const covered = (i: number) => extra.some((s) => i >= s.start && i < s.end);
  const used: Resolvable[] = [];
  const splices = [...extra, ...asValueCalls(ref)];
  for (const r of columnRefs(ref)) {
    if (covered(r.start)) continue;
    const column = findColumn(ctx, r.name, r.qualifier, clause, r.position);
    used.push(column);
    splices.push({ start: r.start, end: r.end, text: quoteName(column.column) });
  }
  const text = splice(ref, splices);
  /* Unchanged text (no qualifier dropped, nothing replaced) keeps the AST parsed in place. */
  if (text === ref.text && ref.expr) {
    /* Parsed in place: the checker's positions are the statement's, so errors point at the
       offending operator or argument. */
    const checked = typeCheck(ref.expr, ctx.scope);
    if (!checked.ok) fail(checked.errors[0].message, positionIn(ref, checked.errors[0]));
    return { text, type: formatType(checked.value), used };
  }
  return { text, type: typeIn(parseAt(text, ref.position), ctx.scope, ref.position), used };
}

/** The script position of a statement-relative error inside `ref`, else the expression's. */
function positionIn(ref: ExprRef, at: { line: number; column: number }): Position {
  const token = ref.tokens.find((t) => t.line === at.line && t.column === at.column);
  return token ? ref.locate(token) : ref.position;
}

function parseAt(text: string, position: Position): Expr {
  const parsed = parseExpression(text);
  if (!parsed.ok) fail(parsed.errors[0].message, position);
  return parsed.value;
}

function typeIn(ast: Expr, scope: Scope, position: Position): string {
  const checked = typeCheck(ast, scope);
  if (!checked.ok) fail(checked.errors[0].message, position);
  return formatType(checked.value);
}

/** ksqlDB's AS_VALUE(key) copies a key column into the value: in a projection that is the
 *  column itself, so the function name is dropped, leaving the parenthesised argument. */
function asValueCalls(ref: ExprRef): Splice[] {
  return ref.tokens.flatMap((t, i) =>
    t.type === "identifier" &&
    t.image.toUpperCase() === "AS_VALUE" &&
    ref.tokens[i + 1]?.image === "("
      ? [{ start: i, end: i + 1, text: "" }]
      : [],
  );
}

/** The SQL type of an expression text in a scope; type errors fail at `position`. */
export function typeOf(text: string, scope: Scope, position: Position): string {
  return typeIn(parseAt(text, position), scope, position);
}
