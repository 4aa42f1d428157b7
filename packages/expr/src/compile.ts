// Compiles a type-checked expression to a closure over the record's frames. Built from the AST
// via the IR (never from text): column accessors are bound to their frame and field, constant
// subtrees are folded once, LIKE patterns become a RegExp at compile time, AND/OR short-circuit.
import type { Expr } from "./ast";
import type { HelperName } from "./functions/define";
import { type Ir, lower } from "./lower";
import { ExpressionError } from "./result";
import { fn } from "./runtime";
import { likePattern } from "./runtime/like";
import type { Scope } from "./scope";
import { analyze } from "./type-check";

export type Frames = Record<string, any>;
export type Evaluator = (frames: Frames) => unknown;

type Compiled = {
  run: Evaluator;
  constant: boolean;
  value?: unknown;
  column?: { frame: string; field?: string };
};
type AnyHelper = (...args: any[]) => unknown;

/**
 * Compiles `expr` for `scope`. Throws ExpressionError (with every error's line and column) if
 * the expression does not type-check; callers that show errors should run typeCheck first.
 * @example compileExpression(parseExpression("amount > 100").value, scope)({ value: { amount: 120 } }) // true
 */
export function compileExpression(expr: Expr, scope: Scope): Evaluator {
  const analysis = analyze(expr, scope);
  if (analysis.errors.length > 0) throw new ExpressionError(analysis.errors);
  return compileIr(lower(expr, analysis)).run;
}

function constant(value: unknown): Compiled {
  return { run: () => value, constant: true, value };
}

function compileIr(ir: Ir): Compiled {
  switch (ir.t) {
    case "const":
      return constant(ir.value);
    case "column":
      return { run: columnAccessor(ir.frame, ir.field), constant: false, column: ir };
    case "case":
      return compileCase(ir);
    case "call":
      return compileCall(ir.helper, ir.args.map(compileIr), ir.volatile === true);
  }
}

function columnAccessor(frame: string, field: string | undefined): Evaluator {
  if (field === undefined) return (f) => f[frame] ?? null;
  return (f) => {
    const o = f[frame];
    return o == null ? null : (o[field] ?? null);
  };
}

function compileCase(ir: Extract<Ir, { t: "case" }>): Compiled {
  const whens = ir.branches.map((b) => compileIr(b.when).run);
  const thens = ir.branches.map((b) => compileIr(b.result).run);
  const otherwise = compileIr(ir.otherwise).run;
  return {
    run: (f) => {
      for (let i = 0; i < whens.length; i++) if (whens[i](f) === true) return thens[i](f);
      return otherwise(f);
    },
    constant: false,
  };
}

function compileCall(helper: HelperName, args: Compiled[], volatile: boolean): Compiled {
  const impl = fn[helper] as AnyHelper;
  if (!volatile && args.every((a) => a.constant))
    return constant(impl(...args.map((a) => a.value)));
  return {
    run:
      specialised(helper, args) ??
      generic(
        impl,
        args.map((a) => a.run),
      ),
    constant: false,
  };
}

/** Hot paths: short-circuit logic, comparisons against a constant, LIKE with a fixed pattern. */
function specialised(helper: HelperName, args: Compiled[]): Evaluator | undefined {
  const [a, b] = args.map((x) => x.run);
  if (helper === "and" || helper === "or") return shortCircuit(a, b, helper === "or");
  if ((helper === "like" || helper === "notLike") && args[1].constant && args[2].constant) {
    return likeWithPattern(a, args[1].value, args[2].value, helper === "notLike");
  }
  const op = COMPARISONS[helper];
  if (
    op !== undefined &&
    args[1].constant &&
    args[1].value != null &&
    typeof args[1].value !== "object"
  ) {
    return compareWithConstant(op, args[0], args[1].value);
  }
  return undefined;
}

/**
 * SQL AND (dominant false) and OR (dominant true): the dominant value wins even over null and
 * skips the right side; otherwise null if either side is null.
 */
function shortCircuit(a: Evaluator, b: Evaluator, dominant: boolean): Evaluator {
  return (f) => {
    const x = a(f);
    if (x === dominant) return dominant;
    const y = b(f);
    if (y === dominant) return dominant;
    return x == null || y == null ? null : !dominant;
  };
}

function likeWithPattern(
  operand: Evaluator,
  pattern: unknown,
  escapeChar: unknown,
  negated: boolean,
): Evaluator {
  if (pattern == null) return () => null;
  const re = likePattern(String(pattern), escapeChar == null ? null : String(escapeChar));
  return (f) => {
    const s = operand(f);
    return s == null ? null : re.test(String(s)) !== negated;
  };
}

const COMPARISONS: Partial<Record<HelperName, number>> = {
  eq: 0,
  ne: 1,
  lt: 2,
  le: 3,
  gt: 4,
  ge: 5,
};

/** One comparison; small and monomorphic so V8 inlines it into each closure. */
function test(op: number, x: any, c: any): boolean {
  switch (op) {
    case 0:
      return x === c;
    case 1:
      return x !== c;
    case 2:
      return x < c;
    case 3:
      return x <= c;
    case 4:
      return x > c;
    default:
      return x >= c;
  }
}

/** `column op constant` reads the field and compares in one closure, no nested calls. */
function compareWithConstant(op: number, operand: Compiled, c: unknown): Evaluator {
  if (operand.column?.field !== undefined) {
    const { frame, field } = operand.column;
    return (f) => {
      const o = f[frame];
      const x = o == null ? null : o[field];
      return x == null ? null : test(op, x, c);
    };
  }
  const a = operand.run;
  return (f) => {
    const x = a(f);
    return x == null ? null : test(op, x, c);
  };
}

function generic(impl: AnyHelper, runs: Evaluator[]): Evaluator {
  switch (runs.length) {
    case 0:
      return () => impl();
    case 1: {
      const [a] = runs;
      return (f) => impl(a(f));
    }
    case 2: {
      const [a, b] = runs;
      return (f) => impl(a(f), b(f));
    }
    case 3: {
      const [a, b, c] = runs;
      return (f) => impl(a(f), b(f), c(f));
    }
    default:
      return (f) => impl(...runs.map((r) => r(f)));
  }
}
