// ksqlDB's table function EXPLODE in a SELECT: one record per array element. The query gets a
// flat-map-values whose element column carries the item's alias; the projection then reads it.
import { tokenize } from "@riffle/expr";
import type { Select, SelectItem } from "./ast";
import type { ExprRef } from "./cursor";
import type { DocBuilder } from "./doc-builder";
import { fail } from "./errors";
import { subExpression } from "./expr-tokens";
import type { Stage } from "./plan-aggregate";
import { resolve } from "./resolve";
import { quoteName, type Row, scopeOf } from "./row";

type ExprItem = Extract<SelectItem, { kind: "expr" }>;

/** The argument of an item that is exactly `EXPLODE(arg)`, else undefined. */
function explodeArgument(ref: ExprRef): ExprRef | undefined {
  const t = ref.tokens;
  const call =
    t.length > 3 &&
    t[0].type === "identifier" &&
    t[0].image.toUpperCase() === "EXPLODE" &&
    t[1].image === "(" &&
    t[t.length - 1].image === ")";
  return call ? subExpression(ref, 2, t.length - 1) : undefined;
}

export function hasExplode(q: Select): boolean {
  return q.items.some((i) => i.kind === "expr" && explodeArgument(i.expr) !== undefined);
}

/** Plans the EXPLODE item of `q`; returns the query with that item reading the element. */
export function planExplode(
  q: Select,
  target: string,
  stage: Stage,
  doc: DocBuilder,
): { q: Select; stage: Stage } {
  const at = q.items.flatMap((item, i) =>
    item.kind === "expr" && explodeArgument(item.expr) ? [i] : [],
  );
  if (at.length > 1) fail("Riffle supports one EXPLODE per query.", q.position);
  const item = q.items[at[0]] as ExprItem;
  if (!item.alias) fail("EXPLODE needs an alias: EXPLODE(...) AS name.", item.expr.position);
  const arg = resolve(explodeArgument(item.expr)!, stage.ctx, "EXPLODE");
  const element = /^ARRAY<(.*)>$/s.exec(arg.type);
  if (!element) fail(`EXPLODE takes an ARRAY, got ${arg.type}.`, item.expr.position);
  const name = item.alias.name;
  const columns = [...stage.row.value.map((c) => c.name), name].map((c) => ({
    name: c,
    expr: quoteName(c),
  }));
  const out = doc.add(
    target,
    "flat-map-values",
    { explode: arg.text, as: name, columns },
    { in: stage.out },
  );
  const row: Row = { ...stage.row, value: [...stage.row.value, { name, type: element[1] }] };
  const ctx = {
    columns: [
      ...stage.ctx.columns,
      { name, type: element[1], column: name, star: true },
    ] as Stage["ctx"]["columns"],
    scope: scopeOf(row),
  };
  const items = q.items.map((it, i) =>
    i === at[0] ? { ...item, expr: elementRef(name, item.expr) } : it,
  );
  return { q: { ...q, items }, stage: { out, row, ctx } };
}

/** An expression reading the element column, positioned where the EXPLODE call was. */
function elementRef(name: string, call: ExprRef): ExprRef {
  const text = quoteName(name);
  const tokens = tokenize(text);
  if (!tokens.ok) fail(tokens.errors[0].message, call.position);
  return { tokens: tokens.value, text, position: call.position, locate: () => call.position };
}
