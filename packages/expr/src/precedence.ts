// Binding powers of the grammar, lowest first; the parser and the SQL printer share them so
// that printed text re-parses to the same tree.
import type { BinaryOp, Expr } from "./ast";

export const Bp = {
  Or: 1,
  And: 2,
  Not: 3,
  /** comparison, IS, LIKE, IN, BETWEEN, DISTINCT FROM: non-associative */
  Predicate: 4,
  Concat: 5,
  Additive: 6,
  Multiplicative: 7,
  Unary: 8,
  Postfix: 9,
  Primary: 10,
} as const;

const BINARY: Record<BinaryOp, number> = {
  OR: Bp.Or,
  AND: Bp.And,
  "=": Bp.Predicate,
  "<>": Bp.Predicate,
  "<": Bp.Predicate,
  "<=": Bp.Predicate,
  ">": Bp.Predicate,
  ">=": Bp.Predicate,
  "||": Bp.Concat,
  "+": Bp.Additive,
  "-": Bp.Additive,
  "*": Bp.Multiplicative,
  "/": Bp.Multiplicative,
  "%": Bp.Multiplicative,
};

export function binaryPrecedence(op: BinaryOp): number {
  return BINARY[op];
}

export function precedenceOf(e: Expr): number {
  switch (e.kind) {
    case "binary":
      return BINARY[e.op];
    case "unary":
      return e.op === "NOT" ? Bp.Not : Bp.Unary;
    case "isNull":
    case "distinct":
    case "like":
    case "in":
    case "between":
      return Bp.Predicate;
    case "deref":
    case "index":
      return Bp.Postfix;
    default:
      return Bp.Primary;
  }
}
