// Runtime of collection access and constructors: 1-based array indexes (negative from the
// end, out of range gives null), map lookups, struct fields.
import { greatest, least } from "./math";

export function index(base: unknown, i: unknown): unknown {
  if (base == null || i == null) return null;
  if (Array.isArray(base)) {
    const n = i as number;
    const at = n > 0 ? n - 1 : n < 0 ? base.length + n : -1;
    return at >= 0 && at < base.length ? (base[at] ?? null) : null;
  }
  return (base as Record<string, unknown>)[String(i)] ?? null;
}

export function field(base: unknown, name: string): unknown {
  if (base == null) return null;
  return (base as Record<string, unknown>)[name] ?? null;
}

export function array(...elements: unknown[]): unknown[] {
  return elements;
}

/** MAP(k1, v1, k2, v2, ...): keys as strings; a null key is dropped. */
export function map(...keysAndValues: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keysAndValues.length; i += 2) {
    const k = keysAndValues[i];
    if (k != null) out[String(k)] = keysAndValues[i + 1];
  }
  return out;
}

export function struct(names: string[], ...values: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => {
    out[n] = values[i];
  });
  return out;
}

export function arrayLength(a: unknown): number | null {
  return Array.isArray(a) ? a.length : null;
}

export function arrayContains(a: unknown, v: unknown): boolean | null {
  if (!Array.isArray(a)) return null;
  return a.some((x) => x === v || (x == null && v == null));
}

/** ARRAY_JOIN(array [, delimiter]): elements as text (null as "null"), default delimiter ",". */
export function arrayJoin(a: unknown, delimiter: unknown = ","): string | null {
  if (!Array.isArray(a) || delimiter == null) return null;
  return a.map((x) => (x === null || x === undefined ? "null" : String(x))).join(String(delimiter));
}

/** ARRAY_MIN / ARRAY_MAX: the extreme non-null element, null for an empty or null array. */
export function arrayMin(a: unknown): unknown {
  return Array.isArray(a) ? least(...a) : null;
}

export function arrayMax(a: unknown): unknown {
  return Array.isArray(a) ? greatest(...a) : null;
}
