// PARTITION BY: one `map` node computes the new key and keeps every other column in the value
// (old key columns appended, the partitioning column moved to the key), as ksqlDB's
// repartition does; the projection then has to select the new key.
import type { Select } from "./ast";
import type { DocBuilder } from "./doc-builder";
import { fail } from "./errors";
import { columnRefs, splice } from "./expr-tokens";
import type { Stage } from "./plan-aggregate";
import type { KeySlot } from "./projection";
import { unsupported } from "./properties";
import { type Context, resolve, rowContext } from "./resolve";
import { quoteName, type Row } from "./row";

export function planPartition(
  q: Select,
  target: string,
  input: Stage,
  sourceName: string,
  doc: DocBuilder,
): { stage: Stage; slots: KeySlot[] } {
  const { exprs, position } = q.partitionBy!;
  if (input.row.kind === "table") fail("PARTITION BY is not supported on tables.", position);
  if (exprs.length > 1)
    unsupported(
      "PARTITION BY several expressions (a multi-column key) is not supported",
      exprs[1].position,
    );
  const ref = exprs[0];
  let p: ReturnType<typeof resolve>;
  try {
    p = resolve(ref, input.ctx, "PARTITION BY");
  } catch (e) {
    const r = columnRefs(ref).find((c) => !input.ctx.columns.some((x) => x.name === c.name));
    if (!r) throw e;
    fail(
      `PARTITION BY column '${r.name}' cannot be resolved. '${r.name}' must be a column in the source schema since PARTITION BY is applied on the input.`,
      r.position,
    );
  }
  const isNull = /^null$/i.test(ref.text.trim());
  const bare =
    p.used.length === 1 && p.text === quoteName(p.used[0].column) ? p.used[0].column : undefined;
  const deref = /->\s*`?([^`\s]+)`?\s*$/.exec(ref.text)?.[1].toUpperCase();
  const keyName = bare ?? deref ?? "KSQL_COL_0";
  const keep = (name: string) => name !== bare;
  /* After a join the key's value is already in the row (`L_ID`): only selectable keys move. */
  const selectable = (name: string) => input.ctx.columns.some((c) => c.column === name);
  const value = [
    ...input.row.value.filter((c) => keep(c.name)),
    ...input.row.key.filter((c) => keep(c.name) && selectable(c.name)),
  ];
  const out = doc.add(
    target,
    "map",
    {
      key: isNull ? "NULL" : p.text,
      keyName,
      columns: value.map((c) => ({ name: c.name, expr: quoteName(c.name) })),
    },
    { in: input.out },
  );
  const row: Row = {
    kind: "stream",
    key: isNull ? [] : [{ name: keyName, type: p.type }],
    value: value.map(({ name, type }) => ({ name, type })),
    valueUnwrapped: false,
  };
  const qualified = splice(
    ref,
    columnRefs(ref).map((r) => ({
      start: r.start,
      end: r.end,
      text: `${r.qualifier ?? sourceName}.${r.name}`,
    })),
  );
  const slots: KeySlot[] = isNull
    ? []
    : [
        {
          column: row.key[0],
          texts: [quoteName(keyName), p.text],
          what: "partitioning expression",
          display: qualified,
        },
      ];
  return { stage: { out, row, ctx: carryContext(input.ctx, row) }, slots };
}

/** Keeps the input's names and qualifiers (`L.K` after a join) for columns the row still has,
 *  in the row's order, so the projection resolves them as before the repartition. */
function carryContext(before: Context, row: Row): Context {
  const fresh = rowContext(row);
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
