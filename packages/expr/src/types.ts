// SQL types of the ksqlDB dialect: their shape, printing, equality and the numeric widening
// rules (INT < BIGINT < DECIMAL < DOUBLE) that arithmetic, CASE and COALESCE share.

type Scalar = "BOOLEAN" | "INT" | "BIGINT" | "DOUBLE" | "STRING" | "BYTES" | "TIMESTAMP";
type Temporal = "DATE" | "TIME";

export type SqlType =
  | { kind: Scalar | Temporal | "NULL" }
  | { kind: "DECIMAL"; precision: number; scale: number }
  | { kind: "ARRAY"; element: SqlType }
  | { kind: "MAP"; key: SqlType; value: SqlType }
  | { kind: "STRUCT"; fields: { name: string; type: SqlType }[] };

export type TypeKind = SqlType["kind"];

export const BOOLEAN: SqlType = { kind: "BOOLEAN" };
export const INT: SqlType = { kind: "INT" };
export const BIGINT: SqlType = { kind: "BIGINT" };
export const DOUBLE: SqlType = { kind: "DOUBLE" };
export const STRING: SqlType = { kind: "STRING" };
export const BYTES: SqlType = { kind: "BYTES" };
export const TIMESTAMP: SqlType = { kind: "TIMESTAMP" };
export const DATE: SqlType = { kind: "DATE" };
export const TIME: SqlType = { kind: "TIME" };
/** The type of the NULL literal; assignable to every type. Also stands in after an error. */
export const NULL: SqlType = { kind: "NULL" };

export function decimal(precision: number, scale: number): SqlType {
  return { kind: "DECIMAL", precision: Math.min(precision, 38), scale: Math.min(scale, 38) };
}

export function arrayOf(element: SqlType): SqlType {
  return { kind: "ARRAY", element };
}

export function mapOf(key: SqlType, value: SqlType): SqlType {
  return { kind: "MAP", key, value };
}

/** A bare identifier, exactly as the tokenizer reads one. */
const SIMPLE_IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_$@]*$/u;

/** Words that cannot be bare column or field names; printers quote them with backticks. */
// biome-ignore format: a word list reads best packed
export const RESERVED = new Set([
  "AND", "ARRAY", "AS", "BETWEEN", "BY", "CASE", "CAST", "DISTINCT", "ELSE", "END", "ESCAPE",
  "FALSE", "FROM", "GROUP", "HAVING", "IN", "IS", "JOIN", "LIKE", "MAP", "NOT", "NULL", "ON",
  "OR", "SELECT", "STRUCT", "THEN", "TRUE", "WHEN", "WHERE", "WINDOW", "WITHIN", "EMIT",
]);

/** An identifier as SQL text: bare when possible, else in backticks with `` escaping. */
export function quoteIdentifier(name: string): string {
  if (SIMPLE_IDENTIFIER.test(name) && !RESERVED.has(name.toUpperCase())) return name;
  return `\`${name.replace(/`/g, "``")}\``;
}

/**
 * SQL text of a type, as ksqlDB prints it.
 * @example formatType(decimal(10, 2)) === "DECIMAL(10, 2)"
 */
export function formatType(t: SqlType): string {
  switch (t.kind) {
    case "DECIMAL":
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case "ARRAY":
      return `ARRAY<${formatType(t.element)}>`;
    case "MAP":
      return `MAP<${formatType(t.key)}, ${formatType(t.value)}>`;
    case "STRUCT":
      return `STRUCT<${t.fields.map((f) => `${quoteIdentifier(f.name)} ${formatType(f.type)}`).join(", ")}>`;
    default:
      return t.kind;
  }
}

export function typesEqual(a: SqlType, b: SqlType): boolean {
  return formatType(a) === formatType(b);
}

const NUMERIC_RANK: Partial<Record<TypeKind, number>> = {
  INT: 0,
  BIGINT: 1,
  DECIMAL: 2,
  DOUBLE: 3,
};

export function isNumeric(t: SqlType): boolean {
  return NUMERIC_RANK[t.kind] !== undefined;
}

export function isIntegral(t: SqlType): boolean {
  return t.kind === "INT" || t.kind === "BIGINT";
}

/** INT and BIGINT seen as decimals, as ksqlDB does when they meet a DECIMAL. */
export function asDecimal(t: SqlType): { precision: number; scale: number } {
  if (t.kind === "DECIMAL") return t;
  return t.kind === "INT" ? { precision: 10, scale: 0 } : { precision: 19, scale: 0 };
}

/** The numeric type both operands widen to (ksqlDB: INT < BIGINT < DECIMAL < DOUBLE). */
export function widenNumeric(a: SqlType, b: SqlType): SqlType {
  const ra = NUMERIC_RANK[a.kind]!;
  const rb = NUMERIC_RANK[b.kind]!;
  if (ra !== 2 && rb !== 2) return ra >= rb ? a : b;
  if (ra === 3 || rb === 3) return DOUBLE;
  const da = asDecimal(a);
  const db = asDecimal(b);
  const scale = Math.max(da.scale, db.scale);
  return decimal(Math.max(da.precision - da.scale, db.precision - db.scale) + scale, scale);
}

/**
 * The type that values of both types fit in (CASE branches, COALESCE arguments, array
 * elements), or undefined when there is none. NULL fits everywhere.
 */
export function commonType(a: SqlType, b: SqlType): SqlType | undefined {
  if (a.kind === "NULL") return b;
  if (b.kind === "NULL") return a;
  if (isNumeric(a) && isNumeric(b)) return widenNumeric(a, b);
  return typesEqual(a, b) ? a : undefined;
}

/** Whether a value of type `from` may be passed where `to` is expected (widening only). */
export function assignable(from: SqlType, to: SqlType): boolean {
  if (from.kind === "NULL") return true;
  if (isNumeric(from) && isNumeric(to)) {
    return NUMERIC_RANK[from.kind]! <= NUMERIC_RANK[to.kind]!;
  }
  return typesEqual(from, to);
}

/** The common type of several types, or a message naming the first pair that clashes. */
export function commonTypeOf(types: SqlType[], what: string): SqlType | string {
  let acc: SqlType = NULL;
  for (const t of types) {
    const next = commonType(acc, t);
    if (!next) return `${what} mix ${formatType(acc)} and ${formatType(t)}`;
    acc = next;
  }
  return acc;
}
