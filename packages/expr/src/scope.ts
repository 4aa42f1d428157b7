// Where columns live at run time, and how a reference finds its column: exact name first,
// then case-insensitive if unique (never for `quoted` names); `Q.col` looks only under Q.
import { closest } from "./edit-distance";
import type { SqlType } from "./types";

/** A column visible to an expression: its value is frames[frame] or frames[frame][field]. */
export interface ScopeColumn {
  name: string;
  qualifier?: string;
  type: SqlType;
  frame: string;
  field?: string;
}

export interface Scope {
  columns: ScopeColumn[];
}

export type Resolution = { column: ScopeColumn } | { error: string };

export function resolveColumn(
  scope: Scope,
  name: string,
  qualifier: string | undefined,
  quoted: boolean,
): Resolution {
  let candidates = scope.columns;
  if (qualifier !== undefined) {
    const q = pickByName(candidates, qualifier, false, (c) => c.qualifier);
    if (q.length === 0) return { error: unknownQualifier(scope, qualifier) };
    candidates = q;
  }
  const found = pickByName(candidates, name, quoted, (c) => c.name);
  if (found.length === 1) return { column: found[0] };
  const shown = qualifier === undefined ? name : `${qualifier}.${name}`;
  if (found.length > 1) {
    const where = found.map((c) => (c.qualifier ? `${c.qualifier}.${c.name}` : c.name));
    return { error: `column '${shown}' is ambiguous: it could be ${where.join(" or ")}` };
  }
  const suggestion = closest(
    name,
    candidates.map((c) => c.name),
  );
  return {
    error: suggestion
      ? `unknown column '${shown}' — did you mean '${suggestion}'?`
      : `unknown column '${shown}'${available(candidates.map((c) => c.name))}`,
  };
}

/** Items whose key equals `name` exactly; failing that, case-insensitively (unless quoted). */
export function pickByName<T>(
  items: T[],
  name: string,
  exactOnly: boolean,
  keyOf: (item: T) => string | undefined,
): T[] {
  const exact = items.filter((i) => keyOf(i) === name);
  if (exact.length > 0 || exactOnly) return exact;
  const lower = name.toLowerCase();
  return items.filter((i) => keyOf(i)?.toLowerCase() === lower);
}

function unknownQualifier(scope: Scope, qualifier: string): string {
  const qualifiers = [...new Set(scope.columns.flatMap((c) => (c.qualifier ? [c.qualifier] : [])))];
  const suggestion = closest(qualifier, qualifiers);
  if (suggestion) return `unknown source '${qualifier}' — did you mean '${suggestion}'?`;
  if (qualifiers.length === 0)
    return `unknown source '${qualifier}' (no qualified sources are in scope)`;
  return `unknown source '${qualifier}'${available(qualifiers)}`;
}

function available(names: string[]): string {
  if (names.length === 0) return " (no columns are in scope)";
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 10).join(", ");
  return ` (available: ${shown}${unique.length > 10 ? ", ..." : ""})`;
}
