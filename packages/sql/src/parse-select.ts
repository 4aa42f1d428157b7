// The SELECT grammar: projection, FROM with joins, WINDOW, WHERE, GROUP BY, PARTITION BY,
// HAVING and EMIT. Expressions are parsed by @riffle/expr where they start.
import type { JoinClause, JoinKind, JoinWithin, Relation, Select, SelectItem } from "./ast";
import type { Cursor } from "./cursor";
import { fail } from "./errors";
import { parseDuration, parseWindow } from "./parse-clauses";

/** Words that end an expression list or cannot be an implicit alias. */
export const RESERVED = new Set([
  "FROM",
  "WHERE",
  "GROUP",
  "HAVING",
  "WINDOW",
  "PARTITION",
  "EMIT",
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "OUTER",
  "ON",
  "WITHIN",
  "AS",
  "LIMIT",
  "SELECT",
  "BY",
  "AND",
  "OR",
]);

export function parseSelect(c: Cursor): Select {
  const position = c.position();
  c.expectWord("SELECT");
  const items: SelectItem[] = [];
  do items.push(parseItem(c));
  while (c.acceptPunct(","));
  c.expectWord("FROM");
  const from = parseRelation(c);
  const joins: JoinClause[] = [];
  for (let kind = joinKind(c); kind; kind = joinKind(c)) joins.push(parseJoin(c, kind));
  const select: Select = { items, from, joins, position };
  if (c.isWord("WINDOW")) {
    const at = c.position();
    c.acceptWord("WINDOW");
    select.window = { ...parseWindow(c), position: at };
  }
  if (c.acceptWord("WHERE")) select.where = c.expression();
  if (c.acceptWord("GROUP", "BY")) select.groupBy = expressionList(c);
  if (c.isWord("PARTITION")) {
    const at = c.position();
    c.expectWord("PARTITION", "BY");
    if (c.isPunct("(") && c.isPunct(")", 1)) {
      fail("PARTITION BY requires at least one expression", at);
    }
    const exprs = expressionList(c);
    /* ksqlDB's grammar takes value expressions here: a bare AND / OR is a syntax error. */
    for (const e of exprs) {
      if (e.expr?.kind === "binary" && (e.expr.op === "AND" || e.expr.op === "OR")) {
        fail(`Syntax Error: PARTITION BY takes value expressions, not '${e.text}'`, e.position);
      }
    }
    select.partitionBy = { exprs, position: at };
  }
  if (c.acceptWord("HAVING")) select.having = c.expression();
  if (c.acceptWord("EMIT")) {
    if (c.acceptWord("CHANGES")) select.emit = "changes";
    else if (c.acceptWord("FINAL")) select.emit = "final";
    else c.unexpected("CHANGES or FINAL");
  }
  if (c.isWord("LIMIT")) fail("LIMIT is not supported in persistent queries", c.position());
  return select;
}

function expressionList(c: Cursor) {
  const list = [c.expression()];
  while (c.acceptPunct(",")) list.push(c.expression());
  return list;
}

function parseItem(c: Cursor): SelectItem {
  const position = c.position();
  if (c.acceptPunct("*")) return { kind: "star", position };
  if (c.isIdent() && c.isPunct(".", 1) && c.isPunct("*", 2)) {
    const qualifier = c.ident();
    c.advance();
    c.advance();
    return { kind: "star", qualifier, position };
  }
  const expr = c.expression();
  if (c.acceptWord("AS")) return { kind: "expr", expr, alias: c.ident("an alias") };
  if (c.isIdent(RESERVED)) return { kind: "expr", expr, alias: c.ident() };
  return { kind: "expr", expr };
}

function parseRelation(c: Cursor): Relation {
  const name = c.ident("a stream or table name", RESERVED);
  if (c.acceptWord("AS")) return { name, alias: c.ident("an alias") };
  if (c.isIdent(RESERVED)) return { name, alias: c.ident() };
  return { name };
}

function joinKind(c: Cursor): JoinKind | undefined {
  if (c.acceptWord("JOIN")) return "INNER";
  if (c.acceptWord("INNER", "JOIN")) return "INNER";
  for (const kind of ["LEFT", "RIGHT", "FULL"] as const) {
    if (c.acceptWord(kind, "JOIN") || c.acceptWord(kind, "OUTER", "JOIN")) return kind;
  }
  if (c.acceptWord("OUTER", "JOIN")) return "FULL";
  return undefined;
}

function parseJoin(c: Cursor, kind: JoinKind): JoinClause {
  const position = c.position();
  const relation = parseRelation(c);
  let within: JoinWithin | undefined;
  if (c.acceptWord("WITHIN")) {
    if (c.acceptPunct("(")) {
      const beforeMs = parseDuration(c);
      c.expectPunct(",");
      const afterMs = parseDuration(c);
      c.expectPunct(")");
      within = { beforeMs, afterMs };
    } else {
      const ms = parseDuration(c);
      within = { beforeMs: ms, afterMs: ms };
    }
    if (c.acceptWord("GRACE", "PERIOD")) within.graceMs = parseDuration(c);
  }
  c.expectWord("ON");
  return { kind, relation, within, on: c.expression(), position };
}
