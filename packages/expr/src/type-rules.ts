// ksqlDB's typing rules for operators: arithmetic result types (including DECIMAL precision and
// scale), which types compare, and which casts exist.
import type { ArithmeticOp, ComparisonOp } from "./ast";
import {
  asDecimal,
  decimal,
  formatType,
  isNumeric,
  NULL,
  type SqlType,
  STRING,
  typesEqual,
  widenNumeric,
} from "./types";

/** Result type of `a op b`, or a message when the operator does not apply. */
export function arithmeticType(op: ArithmeticOp, a: SqlType, b: SqlType): SqlType | string {
  if (a.kind === "NULL" && b.kind === "NULL") return NULL;
  if (op === "+" && isStringOrNull(a) && isStringOrNull(b)) return STRING;
  if (a.kind === "NULL" || b.kind === "NULL") {
    const other = a.kind === "NULL" ? b : a;
    if (isNumeric(other)) return other;
  }
  if (!isNumeric(a) || !isNumeric(b)) {
    const hint =
      op === "+" && (a.kind === "STRING" || b.kind === "STRING")
        ? " (join strings with CONCAT or ||)"
        : "";
    return `cannot apply '${op}' to ${formatType(a)} and ${formatType(b)}${hint}`;
  }
  const wide = widenNumeric(a, b);
  if (wide.kind !== "DECIMAL") return wide;
  return decimalArithmetic(op, asDecimal(a), asDecimal(b));
}

/** ksqlDB's `+` also joins two STRINGs. */
function isStringOrNull(t: SqlType): boolean {
  return t.kind === "STRING" || t.kind === "NULL";
}

type Dec = { precision: number; scale: number };

/** ksqlDB's (and SQL Server's) DECIMAL result rules. */
function decimalArithmetic(op: ArithmeticOp, a: Dec, b: Dec): SqlType {
  const [p1, s1, p2, s2] = [a.precision, a.scale, b.precision, b.scale];
  switch (op) {
    case "+":
    case "-": {
      const scale = Math.max(s1, s2);
      return decimal(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case "*":
      return decimal(p1 + p2 + 1, s1 + s2);
    case "/": {
      const scale = Math.max(6, s1 + p2 + 1);
      return decimal(p1 - s1 + s2 + scale, scale);
    }
    case "%": {
      const scale = Math.max(s1, s2);
      return decimal(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
  }
}

const ORDERED = new Set(["STRING", "BOOLEAN", "BYTES", "TIMESTAMP", "DATE", "TIME"]);

/** Whether `a op b` is allowed: numbers with numbers, like with like; collections only =/<>. */
export function comparable(a: SqlType, b: SqlType, op: ComparisonOp | "IN" | "DISTINCT"): boolean {
  if (a.kind === "NULL" || b.kind === "NULL") return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isTimestampAndString(a, b) || isTimestampAndString(b, a)) return true;
  if (ORDERED.has(a.kind)) return a.kind === b.kind;
  const equality = op === "=" || op === "<>" || op === "IN" || op === "DISTINCT";
  return equality && typesEqual(a, b);
}

/** ksqlDB compares a TIMESTAMP with an ISO-8601 string such as '2024-05-01T10:00:00'. */
function isTimestampAndString(a: SqlType, b: SqlType): boolean {
  return a.kind === "TIMESTAMP" && b.kind === "STRING";
}

const FROM_STRING = new Set([
  "INT",
  "BIGINT",
  "DOUBLE",
  "DECIMAL",
  "BOOLEAN",
  "TIMESTAMP",
  "DATE",
  "TIME",
]);

export function castable(from: SqlType, to: SqlType): boolean {
  if (from.kind === "NULL" || typesEqual(from, to) || to.kind === "STRING") return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (from.kind === "STRING") return FROM_STRING.has(to.kind);
  if (from.kind === "TIMESTAMP")
    return to.kind === "DATE" || to.kind === "TIME" || to.kind === "BIGINT";
  if (from.kind === "BIGINT") return to.kind === "TIMESTAMP";
  return false;
}
