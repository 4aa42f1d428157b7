// The shape of rows flowing between planned nodes (ksqlDB's logical schema): key and value
// columns, each optionally qualified by a source alias, plus the pseudo-columns it offers.
import type { Scope, ScopeColumn, SqlType } from "@riffle/expr";
import { RESERVED as EXPRESSION_RESERVED, parseType } from "@riffle/expr";

export interface RowColumn {
  name: string;
  /** SQL type string, e.g. `BIGINT`, `ARRAY<STRING>`. */
  type: string;
  /** Source name or alias the column can be qualified with (`I.ID`). */
  qualifier?: string;
}

export interface Row {
  kind: "stream" | "table";
  key: RowColumn[];
  value: RowColumn[];
  valueUnwrapped: boolean;
  windowed?: "time" | "session";
}

export const PSEUDO_COLUMNS: Record<string, { type: string; field: string }> = {
  ROWTIME: { type: "BIGINT", field: "timestamp" },
  ROWPARTITION: { type: "INT", field: "partition" },
  ROWOFFSET: { type: "BIGINT", field: "offset" },
  WINDOWSTART: { type: "BIGINT", field: "windowStart" },
  WINDOWEND: { type: "BIGINT", field: "windowEnd" },
};

/** Pseudo-columns readable on a row: the window bounds only on windowed rows. */
export function pseudoColumnsOf(row: Row): string[] {
  const names = ["ROWTIME", "ROWPARTITION", "ROWOFFSET"];
  return row.windowed ? [...names, "WINDOWSTART", "WINDOWEND"] : names;
}

/** An identifier as it must be written in an expression: quoted unless plain upper case and not a keyword. */
export function quoteName(name: string): string {
  const bare = /^[A-Z_][A-Z0-9_]*$/.test(name) && !EXPRESSION_RESERVED.has(name);
  return bare ? name : `\`${name.replace(/`/g, "``")}\``;
}

/** Column types repeat across every scope of an import: parse each text once. */
const typeCache = new Map<string, SqlType>();

function sqlType(text: string): SqlType {
  let t = typeCache.get(text);
  if (!t) {
    const parsed = parseType(text);
    t = parsed.ok ? parsed.value : { kind: "NULL" };
    if (typeCache.size < 10_000) typeCache.set(text, t);
  }
  return t;
}

/** The expr Scope of a single-input node reading `row` (frames per RULES.md). */
export function scopeOf(row: Row): Scope {
  const columns: ScopeColumn[] = [];
  const keyField = row.key.length > 1;
  for (const c of row.key) {
    columns.push({
      name: c.name,
      type: sqlType(c.type),
      frame: "key",
      ...(keyField ? { field: c.name } : {}),
    });
  }
  for (const c of row.value) {
    columns.push({
      name: c.name,
      type: sqlType(c.type),
      frame: "value",
      ...(row.valueUnwrapped ? {} : { field: c.name }),
    });
  }
  for (const name of pseudoColumnsOf(row)) {
    const p = PSEUDO_COLUMNS[name];
    columns.push({ name, type: sqlType(p.type), frame: "meta", field: p.field });
  }
  return { columns };
}

/** The expr Scope of a join node: both values, qualified by the aliases. */
export function joinScopeOf(left: Row, leftAlias: string, right: Row, rightAlias: string): Scope {
  const side = (row: Row, alias: string, frame: string): ScopeColumn[] =>
    row.value.map((c) => ({
      name: c.name,
      qualifier: alias,
      type: sqlType(c.type),
      frame,
      ...(row.valueUnwrapped ? {} : { field: c.name }),
    }));
  return { columns: [...side(left, leftAlias, "left"), ...side(right, rightAlias, "right")] };
}
