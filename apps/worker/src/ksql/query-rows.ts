// The row shape queries answer with (ksqlDB's /query-stream): a header naming columns and
// types, then one array of column values per row, key columns first.
import type { SourceSummary } from "@riffle/sql";

export interface QueryHeader {
  queryId: string;
  columnNames: string[];
  columnTypes: string[];
}

export type Columns = SourceSummary["key"];

export function columnsOf(s: SourceSummary): Columns {
  return [...s.key, ...s.value];
}

export function header(queryId: string, columns: Columns): QueryHeader {
  return {
    queryId,
    columnNames: columns.map((c) => c.name),
    columnTypes: columns.map((c) => c.type),
  };
}

/** A record's key and value as one row; a single key column is the key itself. */
export function toRow(s: SourceSummary, key: unknown, value: unknown, columns: Columns): unknown[] {
  const fields = new Map<string, unknown>();
  if (s.key.length === 1) fields.set(s.key[0]!.name, key);
  else
    for (const k of s.key)
      fields.set(k.name, (key as Record<string, unknown> | null)?.[k.name] ?? null);
  const v = (value ?? {}) as Record<string, unknown>;
  for (const c of s.value) fields.set(c.name, v[c.name] ?? null);
  return columns.map((c) => fields.get(c.name) ?? null);
}
