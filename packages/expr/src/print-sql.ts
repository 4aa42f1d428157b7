// Prints an AST as ksqlDB expression text that parses back to the same AST, adding
// parentheses only where the grammar's binding powers need them.
import type { Expr } from "./ast";
import { Bp, precedenceOf } from "./precedence";
import { formatType, quoteIdentifier } from "./types";

export function printSql(e: Expr): string {
  switch (e.kind) {
    case "literal":
      return literal(e);
    case "column": {
      const name = e.quoted ? `\`${e.name.replace(/`/g, "``")}\`` : quoteIdentifier(e.name);
      return e.qualifier === undefined ? name : `${quoteIdentifier(e.qualifier)}.${name}`;
    }
    case "deref": {
      const field = e.quoted ? `\`${e.field.replace(/`/g, "``")}\`` : quoteIdentifier(e.field);
      return `${atLeast(e.base, Bp.Postfix)}->${field}`;
    }
    case "index":
      return `${atLeast(e.base, Bp.Postfix)}[${printSql(e.index)}]`;
    case "unary":
      return e.op === "NOT" ? `NOT ${atLeast(e.operand, Bp.Not)}` : negation(e.operand);
    case "binary":
      return binary(e.op, e.left, e.right, precedenceOf(e));
    case "isNull":
      return `${left(e.operand)} IS ${not(e.negated)}NULL`;
    case "distinct":
      return `${left(e.left)} IS ${not(e.negated)}DISTINCT FROM ${right(e.right)}`;
    case "like": {
      const escapeText = e.escape ? ` ESCAPE ${right(e.escape)}` : "";
      return `${left(e.operand)} ${not(e.negated)}LIKE ${right(e.pattern)}${escapeText}`;
    }
    case "in":
      return `${left(e.operand)} ${not(e.negated)}IN (${list(e.list)})`;
    case "between":
      return `${left(e.operand)} ${not(e.negated)}BETWEEN ${right(e.low)} AND ${right(e.high)}`;
    case "case": {
      const operand = e.operand ? ` ${printSql(e.operand)}` : "";
      const whens = e.whens.map((w) => ` WHEN ${printSql(w.when)} THEN ${printSql(w.result)}`);
      const otherwise = e.otherwise ? ` ELSE ${printSql(e.otherwise)}` : "";
      return `CASE${operand}${whens.join("")}${otherwise} END`;
    }
    case "cast":
      return `CAST(${printSql(e.operand)} AS ${formatType(e.type)})`;
    case "call":
      return `${e.name}(${list(e.args)})`;
    case "array":
      return `ARRAY[${list(e.elements)}]`;
    case "map":
      return `MAP(${e.entries.map((m) => `${printSql(m.key)} := ${printSql(m.value)}`).join(", ")})`;
    case "struct":
      return `STRUCT(${e.fields.map((f) => `${fieldName(f.name)} := ${printSql(f.value)}`).join(", ")})`;
  }
}

/** A STRUCT field name: bare only when parsing it back (which upper-cases) gives the same name. */
function fieldName(name: string): string {
  return name === name.toUpperCase() ? quoteIdentifier(name) : `\`${name.replace(/`/g, "``")}\``;
}

function literal(e: Extract<Expr, { kind: "literal" }>): string {
  const v = e.value;
  if (v === null) return "NULL";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
  const text =
    e.type.kind === "DOUBLE"
      ? v.toExponential().replace("e+", "E").replace("e", "E")
      : e.type.kind === "DECIMAL"
        ? v.toFixed(e.type.scale)
        : String(v);
  return v < 0 || Object.is(v, -0) ? `(${text})` : text;
}

function negation(operand: Expr): string {
  const inner = atLeast(operand, Bp.Unary);
  return inner.startsWith("-") ? `- ${inner}` : `-${inner}`;
}

function binary(op: string, l: Expr, r: Expr, p: number): string {
  // Predicates do not chain, so a predicate operand needs parentheses on either side.
  const leftMin = p === Bp.Predicate ? p + 1 : p;
  return `${atLeast(l, leftMin)} ${op} ${atLeast(r, p + 1)}`;
}

function left(e: Expr): string {
  return atLeast(e, Bp.Predicate + 1);
}

function right(e: Expr): string {
  return atLeast(e, Bp.Concat);
}

function atLeast(e: Expr, min: number): string {
  const text = printSql(e);
  return precedenceOf(e) < min ? `(${text})` : text;
}

function not(negated: boolean): string {
  return negated ? "NOT " : "";
}

function list(items: Expr[]): string {
  return items.map(printSql).join(", ");
}
