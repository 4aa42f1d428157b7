// Type-checks an expression against a scope: resolves columns, struct fields and functions and
// types every node, collecting every error with its position. The compiler and the printers
// reuse the resulting annotations.
import type { ArithmeticOp, ComparisonOp, Expr, ExprOf } from "./ast";
import { closest } from "./edit-distance";
import { findFunction, unknownFunctionMessage } from "./functions/catalogue";
import type { FunctionDef } from "./functions/define";
import { type ExprError, errorAt, fail, ok, type Result } from "./result";
import { pickByName, resolveColumn, type Scope, type ScopeColumn } from "./scope";
import { arithmeticType, castable, comparable } from "./type-rules";
import {
  arrayOf,
  assignable,
  BOOLEAN,
  commonTypeOf,
  formatType,
  isIntegral,
  isNumeric,
  mapOf,
  NULL,
  type SqlType,
  STRING,
} from "./types";

/** Every node's type plus what its names resolved to. */
export interface Analysis {
  type: SqlType;
  errors: ExprError[];
  types: Map<Expr, SqlType>;
  columns: Map<Expr, ScopeColumn>;
  /** Actual struct field name of each `->` (after case-insensitive matching). */
  fields: Map<Expr, string>;
  functions: Map<Expr, FunctionDef>;
}

/**
 * The type of `expr` in `scope`, or every error found.
 * @example typeCheck(parseExpression("amout > 1").value, scope) // unknown column 'amout' — did you mean 'amount'?
 */
export function typeCheck(expr: Expr, scope: Scope): Result<SqlType> {
  const a = analyze(expr, scope);
  return a.errors.length === 0 ? ok(a.type) : fail(a.errors);
}

/**
 * Analyses `expr`. Without a scope, columns are untyped (NULL) and map to `value.<name>`,
 * which is enough for printing code.
 */
export function analyze(expr: Expr, scope?: Scope): Analysis {
  const checker = new Checker(scope);
  const type = checker.check(expr);
  return { type, ...checker.result };
}

class Checker {
  readonly result = {
    errors: [] as ExprError[],
    types: new Map<Expr, SqlType>(),
    columns: new Map<Expr, ScopeColumn>(),
    fields: new Map<Expr, string>(),
    functions: new Map<Expr, FunctionDef>(),
  };

  constructor(private readonly scope: Scope | undefined) {}

  check(e: Expr): SqlType {
    const type = this.typeOf(e);
    this.result.types.set(e, type);
    return type;
  }

  /** Records an error and yields NULL, which fits everywhere, so one mistake is reported once. */
  private error(e: Expr, message: string): SqlType {
    this.result.errors.push(errorAt(e.pos, message));
    return NULL;
  }

  private typeOf(e: Expr): SqlType {
    switch (e.kind) {
      case "literal":
        return e.type;
      case "column":
        return this.column(e);
      case "deref":
        return this.deref(e);
      case "index":
        return this.index(e);
      case "unary":
        return this.unary(e);
      case "binary":
        return this.binary(e);
      case "isNull":
        this.check(e.operand);
        return BOOLEAN;
      case "distinct":
        return this.compare(e, "DISTINCT", e.left, [e.right]);
      case "like":
        return this.like(e);
      case "in":
        return this.compare(e, "IN", e.operand, e.list);
      case "between":
        return this.compare(e, ">=", e.operand, [e.low, e.high]);
      case "case":
        return this.caseExpression(e);
      case "cast":
        return this.cast(e);
      case "call":
        return this.call(e);
      case "array":
        return this.arrayConstructor(e);
      case "map":
        return this.mapConstructor(e);
      case "struct":
        return this.structConstructor(e);
    }
  }

  private column(e: ExprOf<"column">): SqlType {
    if (!this.scope) {
      const frame = e.qualifier ?? "value";
      this.result.columns.set(e, { name: e.name, type: NULL, frame, field: e.name });
      return NULL;
    }
    const r = resolveColumn(this.scope, e.name, e.qualifier, e.quoted === true);
    if ("error" in r) return this.error(e, r.error);
    this.result.columns.set(e, r.column);
    return r.column.type;
  }

  private deref(e: ExprOf<"deref">): SqlType {
    const base = this.check(e.base);
    if (base.kind === "NULL") {
      this.result.fields.set(e, e.field);
      return NULL;
    }
    if (base.kind !== "STRUCT") {
      return this.error(e, `'->' needs a STRUCT, but the value is ${formatType(base)}`);
    }
    const found = pickByName(base.fields, e.field, e.quoted === true, (f) => f.name);
    if (found.length === 1) {
      this.result.fields.set(e, found[0].name);
      return found[0].type;
    }
    const names = base.fields.map((f) => f.name);
    const suggestion = closest(e.field, names);
    const hint = suggestion ? ` — did you mean '${suggestion}'?` : ` (fields: ${names.join(", ")})`;
    return this.error(e, `struct has no field '${e.field}'${hint}`);
  }

  private index(e: ExprOf<"index">): SqlType {
    const base = this.check(e.base);
    const index = this.check(e.index);
    if (base.kind === "ARRAY") {
      if (index.kind !== "NULL" && !isIntegral(index)) {
        return this.error(e, `an array index must be INT or BIGINT, got ${formatType(index)}`);
      }
      return base.element;
    }
    if (base.kind === "MAP") {
      if (!assignable(index, base.key)) {
        return this.error(
          e,
          `this map's keys are ${formatType(base.key)}, got ${formatType(index)}`,
        );
      }
      return base.value;
    }
    if (base.kind === "NULL") return NULL;
    return this.error(e, `'[...]' needs an ARRAY or a MAP, but the value is ${formatType(base)}`);
  }

  private unary(e: ExprOf<"unary">): SqlType {
    const t = this.check(e.operand);
    if (e.op === "NOT") return this.expectBoolean(e.operand, t, "NOT");
    if (t.kind === "NULL" || isNumeric(t)) return t;
    return this.error(e, `cannot negate ${formatType(t)}`);
  }

  private binary(e: ExprOf<"binary">): SqlType {
    const { op } = e;
    if (op === "AND" || op === "OR") {
      this.expectBoolean(e.left, this.check(e.left), op);
      this.expectBoolean(e.right, this.check(e.right), op);
      return BOOLEAN;
    }
    if (op === "||") {
      for (const side of [e.left, e.right]) {
        const t = this.check(side);
        if (t.kind !== "STRING" && t.kind !== "NULL") {
          this.error(side, `'||' joins strings, got ${formatType(t)}`);
        }
      }
      return STRING;
    }
    if (op === "+" || op === "-" || op === "*" || op === "/" || op === "%") {
      const t = arithmeticType(op as ArithmeticOp, this.check(e.left), this.check(e.right));
      return typeof t === "string" ? this.error(e, t) : t;
    }
    return this.compare(e, op, e.left, [e.right]);
  }

  private compare(
    e: Expr,
    op: ComparisonOp | "IN" | "DISTINCT",
    left: Expr,
    rights: Expr[],
  ): SqlType {
    const l = this.check(left);
    for (const right of rights) {
      const r = this.check(right);
      if (!comparable(l, r, op)) {
        this.error(e, `cannot compare ${formatType(l)} with ${formatType(r)}`);
        break;
      }
    }
    return BOOLEAN;
  }

  private expectBoolean(operand: Expr, t: SqlType, what: string): SqlType {
    if (t.kind !== "BOOLEAN" && t.kind !== "NULL") {
      this.error(operand, `${what} needs BOOLEAN operands, got ${formatType(t)}`);
    }
    return BOOLEAN;
  }

  private like(e: ExprOf<"like">): SqlType {
    for (const [part, what] of [
      [e.operand, "LIKE operand"],
      [e.pattern, "LIKE pattern"],
    ] as const) {
      const t = this.check(part);
      if (t.kind !== "STRING" && t.kind !== "NULL")
        this.error(part, `${what} must be STRING, got ${formatType(t)}`);
    }
    if (e.escape) {
      const esc = e.escape;
      this.check(esc);
      if (esc.kind !== "literal" || typeof esc.value !== "string" || esc.value.length !== 1) {
        this.error(esc, "ESCAPE must be a one-character string literal, e.g. ESCAPE '\\'");
      }
    }
    return BOOLEAN;
  }

  private caseExpression(e: ExprOf<"case">): SqlType {
    const operand = e.operand && this.check(e.operand);
    for (const { when } of e.whens) {
      const t = this.check(when);
      if (operand) {
        if (!comparable(operand, t, "="))
          this.error(when, `cannot compare ${formatType(operand)} with ${formatType(t)}`);
      } else this.expectBoolean(when, t, "WHEN");
    }
    const results = e.whens.map((w) => this.check(w.result));
    if (e.otherwise) results.push(this.check(e.otherwise));
    const t = commonTypeOf(results, "CASE results");
    return typeof t === "string" ? this.error(e, t) : t;
  }

  private cast(e: ExprOf<"cast">): SqlType {
    const from = this.check(e.operand);
    if (castable(from, e.type)) return e.type;
    return this.error(e, `cannot cast ${formatType(from)} to ${formatType(e.type)}`);
  }

  private call(e: ExprOf<"call">): SqlType {
    const args = e.args.map((a) => this.check(a));
    const def = findFunction(e.name);
    if (!def) return this.error(e, unknownFunctionMessage(e.name));
    this.result.functions.set(e, def);
    const t = def.check(args);
    return typeof t === "string" ? this.error(e, t) : t;
  }

  private arrayConstructor(e: ExprOf<"array">): SqlType {
    if (e.elements.length === 0)
      return this.error(e, "ARRAY[] needs at least one element to know its type");
    const t = commonTypeOf(
      e.elements.map((x) => this.check(x)),
      "ARRAY elements",
    );
    return typeof t === "string" ? this.error(e, t) : arrayOf(t);
  }

  private structConstructor(e: ExprOf<"struct">): SqlType {
    const fields = e.fields.map((f) => ({ name: f.name, type: this.check(f.value) }));
    const names = fields.map((f) => f.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) return this.error(e, `STRUCT field '${repeated}' is given twice`);
    return { kind: "STRUCT", fields };
  }

  private mapConstructor(e: ExprOf<"map">): SqlType {
    if (e.entries.length === 0)
      return this.error(e, "MAP() needs at least one entry to know its type");
    const keys = commonTypeOf(
      e.entries.map((m) => this.check(m.key)),
      "MAP keys",
    );
    const values = commonTypeOf(
      e.entries.map((m) => this.check(m.value)),
      "MAP values",
    );
    if (typeof keys === "string") return this.error(e, keys);
    if (typeof values === "string") return this.error(e, values);
    if (keys.kind !== "STRING" && keys.kind !== "NULL")
      return this.error(e, `MAP keys must be STRING, got ${formatType(keys)}`);
    return mapOf(STRING, values);
  }
}
