// The SELECT list of a pull query over a table's rows: `*` is the table's columns; expressions
// (a bare column is one) are type-checked and compiled from their AST with @riffle/expr, and
// named by alias, by column, or KSQL_COL_<i> as ksqlDB names unnamed expressions.
import { compileExpression, formatType, parseType, type Scope, typeCheck } from "@riffle/expr";
import type { PullItem } from "@riffle/sql";
import type { Columns } from "./query-rows";
import type { StatementError } from "./statement-error";

type Fail = (message: string, at?: { line: number; column: number }) => StatementError;
type Row = Record<string, unknown>;

export interface Projection {
  columns: Columns;
  /** The projected values of one row of the table (its columns by name). */
  values(row: Row): unknown[];
}

export function projection(items: PullItem[], all: Columns, fail: Fail): Projection {
  const scope: Scope = {
    columns: all.map((c) => {
      const type = parseType(c.type);
      if (!type.ok) throw fail(`Column ${c.name} has a type Riffle cannot read: ${c.type}`);
      return { name: c.name, type: type.value, frame: "row", field: c.name };
    }),
  };
  const out = items.flatMap((item, i) => {
    if (item.kind === "star") return all.map((c) => ({ ...c, value: (row: Row) => row[c.name] }));
    const e = item.expr;
    const named = e.kind === "column" ? column(all, e.name, e.quoted) : undefined;
    if (e.kind === "column" && !named) {
      throw fail(
        `Column '${e.quoted ? e.name : e.name.toUpperCase()}' cannot be resolved.`,
        item.position,
      );
    }
    const checked = typeCheck(e, scope);
    if (!checked.ok) throw fail(checked.errors[0]!.message, checked.errors[0]);
    const run = compileExpression(e, scope);
    return [
      {
        name: item.alias ?? named?.name ?? `KSQL_COL_${i}`,
        type: formatType(checked.value),
        value: (row: Row) => run({ row }),
      },
    ];
  });
  return {
    columns: out.map(({ name, type }) => ({ name, type })),
    values: (row) => out.map((c) => c.value(row) ?? null),
  };
}

/** ksqlDB's resolution: exact when quoted, else upper-cased, else the one case-insensitive match. */
function column(all: Columns, name: string, quoted?: boolean) {
  if (quoted) return all.find((c) => c.name === name);
  const upper = name.toUpperCase();
  const exact = all.find((c) => c.name === upper);
  if (exact) return exact;
  const loose = all.filter((c) => c.name.toUpperCase() === upper);
  return loose.length === 1 ? loose[0] : undefined;
}
