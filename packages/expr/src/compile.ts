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
  return { run: always(value), constant: true, value };
}

// Closures are returned from small factories rather than written inside object literals:
// tsx (esbuild keepNames) would otherwise name each one at creation, which costs more than
// the rest of compilation.
function always(value: unknown): Evaluator {
  return () => value;
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
  return { run: firstTrue(whens, thens, compileIr(ir.otherwise).run), constant: false };
}

function firstTrue(whens: Evaluator[], thens: Evaluator[], otherwise: Evaluator): Evaluator {
  return (f) => {
    for (let i = 0; i < whens.length; i++) if (whens[i](f) === true) return thens[i](f);
    return otherwise(f);
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
  const test = COLUMN_VS_CONSTANT[helper];
  if (test) {
    const [{ column }, { constant, value }] = args;
    const plain = value != null && typeof value !== "object";
    if (column?.field !== undefined && constant && plain)
      return test(column.frame, column.field, value);
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

type ColumnTest = (frame: string, field: string, c: any) => Evaluator;

/**
 * `column op constant`, the common filter shape, in one closure per operator: the field read
 * and the comparison are inline, with no nested call and no dispatch on the operator (both
 * measured to cost several times the comparison itself).
 */
const COLUMN_VS_CONSTANT: Partial<Record<HelperName, ColumnTest>> = {
  eq: (frame, field, c) => (f) => {
    const x = f[frame]?.[field];
    return x == null ? null : x === c;
  },
  ne: (frame, field, c) => (f) => {
    const x = f[frame]?.[field];
    return x == null ? null : x !== c;
  },
  lt: (frame, field, c) => (f) => {
    const x = f[frame]?.[field];
    return x == null ? null : x < c;
  },
  le: (frame, field, c) => (f) => {
    const x = f[frame]?.[field];
    return x == null ? null : x <= c;
  },
  gt: (frame, field, c) => (f) => {
    const x = f[frame]?.[field];
    return x == null ? null : x > c;
  },
  ge: (frame, field, c) => (f) => {
    const x = f[frame]?.[field];
    return x == null ? null : x >= c;
  },
};

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
