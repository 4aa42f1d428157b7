// PARTITION BY: one `map` node computes the new key and keeps every other column in the value
// (old key columns appended, partitioning columns moved to the key), as ksqlDB's repartition
// does; the projection then has to select the new key. Several expressions make a
// multi-column key, computed as one STRUCT whose fields are the key columns (the frames
// convention reads a multi-column key field by field, and JSON keys print it as an object).
import type { Select } from "./ast";
import type { ExprRef } from "./cursor";
import type { DocBuilder } from "./doc-builder";
import { fail } from "./errors";
import { columnRefs, splice } from "./expr-tokens";
import type { Stage } from "./plan-aggregate";
import type { KeySlot } from "./projection";
import { type Context, type Resolved, resolve, rowContext } from "./resolve";
import { quoteName, type Row } from "./row";

interface Partition {
  ref: ExprRef;
  resolved: Resolved;
  /** The column it is when it is a bare column reference. */
  bare?: string;
  name: string;
}

export function planPartition(
  q: Select,
  target: string,
  input: Stage,
  sourceName: string,
  doc: DocBuilder,
): { stage: Stage; slots: KeySlot[] } {
  const { exprs, position } = q.partitionBy!;
  if (input.row.kind === "table") fail("PARTITION BY is not supported on tables.", position);
  const isNull = (ref: ExprRef) => /^null$/i.test(ref.text.trim());
  if (exprs.length > 1 && exprs.some(isNull)) {
    fail("Cannot PARTITION BY multiple columns including NULL", position);
  }
  if (isNull(exprs[0])) return dropKey(target, input, doc, sourceName);
  let generated = 0;
  const parts = exprs.map((ref): Partition => {
    const resolved = resolvePartition(ref, input.ctx);
    refuseMapKey(ref, resolved);
    const bare = isBare(resolved) ? resolved.used[0].column : undefined;
    const deref = /->\s*`?([^`\s]+)`?\s*$/.exec(ref.text)?.[1].toUpperCase();
    const name =
      exprs.length > 1
        ? (aliasOf(q, input.ctx, resolved.text) ?? bare ?? deref ?? `KSQL_COL_${generated++}`)
        : (bare ?? deref ?? "KSQL_COL_0");
    return { ref, resolved, bare, name };
  });
  return repartition(target, input, parts, doc, sourceName);
}

/** A stream re-keyed to NULL (PARTITION BY NULL, or a keyless projection). */
export function dropKey(target: string, input: Stage, doc: DocBuilder, sourceName: string) {
  return repartition(target, input, [], doc, sourceName);
}

/** ksqlDB refuses keys containing maps (their serialization is not stable). */
function refuseMapKey(ref: ExprRef, r: Resolved): void {
  if (!r.type.includes("MAP<")) return;
  const name = isBare(r) ? r.used[0].column : ref.text;
  fail(
    `Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior due to inconsistent serialization. Key column name: \`${name}\`. Column type: ${ksqlTypeName(r.type)}. See https://github.com/confluentinc/ksql/issues/6621 for more.`,
    ref.position,
  );
}

/** A type as ksqlDB prints it in messages: INTEGER, struct fields in backticks. */
function ksqlTypeName(text: string): string {
  return text
    .replace(/\bINT\b/g, "INTEGER")
    .replace(/(STRUCT<|, )([A-Za-z_][A-Za-z0-9_]*) (?=[A-Z])/g, "$1`$2` ");
}

const isBare = (r: Resolved) => r.used.length === 1 && r.text === quoteName(r.used[0].column);

function resolvePartition(ref: ExprRef, ctx: Context): Resolved {
  try {
    return resolve(ref, ctx, "PARTITION BY");
  } catch (e) {
    const r = columnRefs(ref).find((c) => !ctx.columns.some((x) => x.name === c.name));
    if (!r) throw e;
    fail(
      `PARTITION BY column '${r.name}' cannot be resolved. '${r.name}' must be a column in the source schema since PARTITION BY is applied on the input.`,
      r.position,
    );
  }
}

/** The alias of the SELECT item computing `text`, which names a multi-column key part. */
function aliasOf(q: Select, ctx: Context, text: string): string | undefined {
  for (const item of q.items) {
    if (item.kind !== "expr" || !item.alias) continue;
    try {
      if (resolve(item.expr, ctx, "SELECT").text === text) return item.alias.name;
    } catch {
      /* items that do not resolve on the input cannot name the key */
    }
  }
  return undefined;
}

function repartition(
  target: string,
  input: Stage,
  parts: Partition[],
  doc: DocBuilder,
  sourceName: string,
): { stage: Stage; slots: KeySlot[] } {
  const moved = new Set(parts.flatMap((p) => (p.bare ? [p.bare] : [])));
  /* After a join the key's value is already in the row (`L_ID`): only selectable keys move. */
  const selectable = (name: string) => input.ctx.columns.some((c) => c.column === name);
  const value = [
    ...input.row.value.filter((c) => !moved.has(c.name)),
    ...input.row.key.filter((c) => !moved.has(c.name) && selectable(c.name)),
  ];
  const key =
    parts.length === 0
      ? "NULL"
      : parts.length === 1
        ? parts[0].resolved.text
        : `STRUCT(${parts.map((p) => `${quoteName(p.name)} := ${p.resolved.text}`).join(", ")})`;
  const keyName = parts.length === 1 ? parts[0].name : "KEY";
  const columns = value.map((c) => ({ name: c.name, expr: quoteName(c.name) }));
  const out = doc.add(target, "map", { key, keyName, columns }, { in: input.out });
  const row: Row = {
    kind: "stream",
    key: parts.map((p) => ({ name: p.name, type: p.resolved.type })),
    value: value.map(({ name, type }) => ({ name, type })),
    valueUnwrapped: false,
  };
  const slots: KeySlot[] = parts.map((p, i) => ({
    column: row.key[i],
    texts: [quoteName(p.name), p.resolved.text],
    what: "partitioning expression",
    display: qualified(p.ref, sourceName),
  }));
  const renamed = new Map(parts.flatMap((p) => (p.bare ? [[p.bare, p.name] as const] : [])));
  return { stage: { out, row, ctx: carryContext(input.ctx, row, renamed) }, slots };
}

/** The expression as ksqlDB prints it in messages: columns qualified by the source. */
function qualified(ref: ExprRef, sourceName: string): string {
  return splice(
    ref,
    columnRefs(ref).map((r) => ({
      start: r.start,
      end: r.end,
      text: `${r.qualifier ?? sourceName}.${r.name}`,
    })),
  );
}

/** Keeps the input's names and qualifiers (`L.K` after a join) for columns the row still has,
 *  in the row's order, so the projection resolves them as before the repartition. */
function carryContext(before: Context, row: Row, renamed: Map<string, string>): Context {
  const fresh = rowContext(row);
  /* A partitioning column named by an alias (`ID AS I ... PARTITION BY ID, AGE`) lives on
     as key column I, still reachable as ID. */
  before = {
    ...before,
    columns: before.columns.map((c) => ({ ...c, column: renamed.get(c.column) ?? c.column })),
  };
  const order = fresh.columns.map((c) => c.column);
  const keys = new Set(row.key.map((k) => k.name));
  /* A pseudo-column made the key (PARTITION BY ROWTIME) is now part of SELECT *. */
  const kept = before.columns
    .filter((c) => order.includes(c.column))
    .map((c) => (keys.has(c.column) ? { ...c, star: true } : c));
  const added = fresh.columns.filter((c) => !kept.some((k) => k.column === c.column));
  const columns = [...kept, ...added].sort(
    (a, b) => order.indexOf(a.column) - order.indexOf(b.column),
  );
  return { columns, scope: fresh.scope };
}
