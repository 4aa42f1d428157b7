// Shared fixtures: a scope with one column of every type, and parse/evaluate shorthands.
import {
  compileExpression,
  type Expr,
  type Frames,
  parseExpression,
  parseType,
  type Scope,
  type ScopeColumn,
  stripPositions,
} from "../src/index";

function type(text: string) {
  const t = parseType(text);
  if (!t.ok) throw new Error(t.errors[0].message);
  return t.value;
}

function valueColumn(name: string, typeText: string): ScopeColumn {
  return { name, type: type(typeText), frame: "value", field: name };
}

export const scope: Scope = {
  columns: [
    valueColumn("amount", "INT"),
    valueColumn("total", "BIGINT"),
    valueColumn("ratio", "DOUBLE"),
    valueColumn("price", "DECIMAL(10, 2)"),
    valueColumn("region", "STRING"),
    valueColumn("name", "STRING"),
    valueColumn("active", "BOOLEAN"),
    valueColumn("ts", "TIMESTAMP"),
    valueColumn("tags", "ARRAY<STRING>"),
    valueColumn("attrs", "MAP<STRING, INT>"),
    valueColumn("customer", "STRUCT<name STRING, address STRUCT<city STRING, zip STRING>>"),
    valueColumn("payload", "STRING"),
    valueColumn("Mixed", "INT"),
    { name: "id", type: type("STRING"), frame: "key" },
    { name: "ROWTIME", type: type("BIGINT"), frame: "meta", field: "timestamp" },
  ],
};

/** A join scope: both sides have `amount`, qualified L and R. */
export const joinScope: Scope = {
  columns: [
    { name: "amount", qualifier: "L", type: type("INT"), frame: "left", field: "amount" },
    { name: "region", qualifier: "L", type: type("STRING"), frame: "left", field: "region" },
    { name: "amount", qualifier: "R", type: type("INT"), frame: "right", field: "amount" },
    { name: "label", qualifier: "R", type: type("STRING"), frame: "right", field: "label" },
  ],
};

export function parse(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok)
    throw new Error(`${text}: ${r.errors[0].message} at ${r.errors[0].line}:${r.errors[0].column}`);
  return r.value;
}

/** The AST of `text` without positions. */
export function tree(text: string): unknown {
  return stripPositions(parse(text));
}

/** Evaluates `text` against one record (value frame, optional other frames). */
export function evaluate(text: string, value: Frames = {}, frames: Frames = {}): unknown {
  return compileExpression(parse(text), scope)({ value, ...frames });
}
