// Catalogue entries of the numeric functions (runtime in ../runtime/math); result types follow
// ksqlDB (ROUND(DOUBLE) is BIGINT, FLOOR/CEIL keep the integer types).
import { BIGINT, commonTypeOf, DOUBLE, decimal, INT, type SqlType } from "../types";
import { defineFunction, type FunctionDef } from "./define";

const same = (args: SqlType[]) => args[0];

function integralPart(t: SqlType): SqlType {
  return t.kind === "DECIMAL" ? decimal(t.precision - t.scale + 1, 0) : t;
}

function roundType(args: SqlType[]): SqlType {
  const [x] = args;
  if (x.kind === "DOUBLE" || x.kind === "NULL") return args.length === 2 ? DOUBLE : BIGINT;
  if (x.kind === "DECIMAL")
    return args.length === 2 ? decimal(x.precision + 1, x.scale) : integralPart(x);
  return x;
}

function roundHelper(args: SqlType[]) {
  if (args.length === 2) return "roundDigits" as const;
  if (args[0].kind === "DECIMAL") return "roundDecimal" as const;
  return args[0].kind === "DOUBLE" || args[0].kind === "NULL"
    ? ("round" as const)
    : ("floor" as const);
}

const extreme = (name: "GREATEST" | "LEAST", doc: string, example: string) =>
  defineFunction({
    name,
    category: "numeric",
    signature: `${name}(value T, ...) -> T`,
    doc,
    example,
    params: ["any"],
    rest: "any",
    returns: (args) => commonTypeOf(args, `${name} arguments`),
    helper: name === "GREATEST" ? "greatest" : "least",
  });

export const NUMERIC_FUNCTIONS: FunctionDef[] = [
  defineFunction({
    name: "ABS",
    category: "numeric",
    signature: "ABS(x NUMBER) -> same type",
    doc: "Absolute value.",
    example: "ABS(-2.5) => 2.5",
    params: ["numeric"],
    returns: same,
    helper: "abs",
  }),
  defineFunction({
    name: "ROUND",
    category: "numeric",
    signature: "ROUND(x NUMBER [, digits INT]) -> BIGINT | DOUBLE | DECIMAL",
    doc: "Rounds half up. ROUND(DOUBLE) is a BIGINT; with digits the type is kept; negative digits round left of the point.",
    example: "ROUND(2.5E0) => 3; ROUND(3.14159E0, 2) => 3.14; ROUND(1234, -2) => 1200",
    params: ["numeric", INT],
    required: 1,
    returns: roundType,
    helper: roundHelper,
  }),
  defineFunction({
    name: "FLOOR",
    category: "numeric",
    signature: "FLOOR(x NUMBER) -> same type",
    doc: "Largest whole value not above x.",
    example: "FLOOR(-1.5) => -2",
    params: ["numeric"],
    returns: (args) => integralPart(args[0]),
    helper: "floor",
  }),
  defineFunction({
    name: "CEIL",
    category: "numeric",
    signature: "CEIL(x NUMBER) -> same type",
    doc: "Smallest whole value not below x.",
    example: "CEIL(1.2) => 2",
    params: ["numeric"],
    returns: (args) => integralPart(args[0]),
    helper: "ceil",
  }),
  defineFunction({
    name: "SQRT",
    category: "numeric",
    signature: "SQRT(x NUMBER) -> DOUBLE",
    doc: "Square root; NaN for negative input, as in Java.",
    example: "SQRT(16) => 4.0",
    params: ["numeric"],
    returns: DOUBLE,
    helper: "sqrt",
  }),
  defineFunction({
    name: "POWER",
    category: "numeric",
    signature: "POWER(base NUMBER, exponent NUMBER) -> DOUBLE",
    doc: "base raised to exponent.",
    example: "POWER(2, 10) => 1024.0",
    params: ["numeric", "numeric"],
    returns: DOUBLE,
    helper: "power",
  }),
  defineFunction({
    name: "EXP",
    category: "numeric",
    signature: "EXP(x NUMBER) -> DOUBLE",
    doc: "e raised to x.",
    example: "EXP(0) => 1.0",
    params: ["numeric"],
    returns: DOUBLE,
    helper: "exp",
  }),
  defineFunction({
    name: "LN",
    category: "numeric",
    signature: "LN(x NUMBER) -> DOUBLE",
    doc: "Natural logarithm; -Infinity for 0 and NaN for negative input, as in Java.",
    example: "LN(1) => 0.0",
    params: ["numeric"],
    returns: DOUBLE,
    helper: "ln",
  }),
  defineFunction({
    name: "SIGN",
    category: "numeric",
    signature: "SIGN(x NUMBER) -> INT",
    doc: "-1, 0 or 1 by the sign of x.",
    example: "SIGN(-7.5) => -1",
    params: ["numeric"],
    returns: INT,
    helper: "sign",
  }),
  extreme(
    "GREATEST",
    "The largest non-null argument (numbers widen; strings compare).",
    "GREATEST(3, NULL, 7) => 7",
  ),
  extreme(
    "LEAST",
    "The smallest non-null argument (numbers widen; strings compare).",
    "LEAST(3, NULL, 7) => 3",
  ),
];
