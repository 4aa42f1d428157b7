// Runtime of the null-handling functions: these see nulls instead of propagating them.

export function coalesce(...values: unknown[]): unknown {
  for (const v of values) if (v != null) return v;
  return null;
}

export function ifnull(value: unknown, fallback: unknown): unknown {
  return value ?? fallback;
}

export function nullif(value: unknown, other: unknown): unknown {
  return value != null && value === other ? null : (value ?? null);
}
