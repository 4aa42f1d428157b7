// Row schemas: the columns flowing along an edge (key, value, windowing), and the SQL types
// of those columns parsed once and memoised by their text.
import { formatType, parseType, type SqlType } from "@riffle/expr";
import type { Column } from "./document";

/** What flows along an edge: key and value columns (types as SQL type strings). */
export interface RowSchema {
  key: Column[];
  value: Column[];
  /** The single value column is the whole record value (no struct around it). */
  valueUnwrapped: boolean;
  /** Set after a windowed aggregation: the key is windowed. */
  windowed?: "time" | "session";
}

const typeCache = new Map<string, SqlType | null>();

/** Parses a SQL type string, memoised; undefined when the text is not a type. */
export function sqlType(text: string): SqlType | undefined {
  let t = typeCache.get(text);
  if (t === undefined) {
    const r = parseType(text);
    t = r.ok ? r.value : null;
    typeCache.set(text, t);
  }
  return t ?? undefined;
}

export function typeText(t: SqlType): string {
  return formatType(t);
}

/** Same columns (names and types) in the same order. */
export function sameColumns(a: readonly Column[], b: readonly Column[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.name === b[i].name && normalType(c.type) === normalType(b[i].type))
  );
}

function normalType(text: string): string {
  const t = sqlType(text);
  return t ? formatType(t) : text;
}
