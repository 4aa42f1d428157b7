// Lowers a type-checked AST to a small IR of runtime helper calls. The compiler turns the IR
// into closures and the TypeScript/Java printers print it, so all three agree by construction.
import type { ArithmeticOp, ComparisonOp, Expr, ExprOf } from "./ast";
import type { HelperName } from "./functions/define";
import type { Analysis } from "./type-check";
import { INT, type SqlType, STRING } from "./types";

export type Ir =
  | { t: "const"; value: unknown; type?: SqlType }
  | { t: "column"; frame: string; field?: string }
  | { t: "call"; helper: HelperName; args: Ir[]; volatile?: true }
  /** CASE: the first branch whose condition is true, else `otherwise`. */
  | { t: "case"; branches: { when: Ir; result: Ir }[]; otherwise: Ir };

const ARITHMETIC: Record<
  "INT" | "BIGINT" | "DOUBLE" | "DECIMAL",
  Record<ArithmeticOp, HelperName>
> = {
  INT: { "+": "addInt", "-": "subInt", "*": "mulInt", "/": "divInt", "%": "modInt" },
  BIGINT: { "+": "add", "-": "sub", "*": "mul", "/": "divLong", "%": "modLong" },
  DOUBLE: { "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod" },
  DECIMAL: { "+": "addDec", "-": "subDec", "*": "mulDec", "/": "divDec", "%": "modDec" },
};

const COMPARISON: Record<ComparisonOp, HelperName> = {
  "=": "eq",
  "<>": "ne",
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
};

const CAST: Partial<Record<SqlType["kind"], HelperName>> = {
  INT: "castInt",
  BIGINT: "castBigint",
  DOUBLE: "castDouble",
  BOOLEAN: "castBoolean",
  TIMESTAMP: "castTimestamp",
  DATE: "castDate",
  TIME: "castTime",
};

const NULL_CONST: Ir = { t: "const", value: null };

function call(helper: HelperName, ...args: Ir[]): Ir {
  return { t: "call", helper, args };
}

function int(value: number): Ir {
  return { t: "const", value, type: INT };
}

export function lower(e: Expr, a: Analysis): Ir {
  return new Lowering(a).lower(e);
}

class Lowering {
  constructor(private readonly a: Analysis) {}

  private typeOf(e: Expr): SqlType {
    return this.a.types.get(e)!;
  }

  lower(e: Expr): Ir {
    switch (e.kind) {
      case "literal":
        return { t: "const", value: e.value, type: e.type };
      case "column": {
        const c = this.a.columns.get(e)!;
        return {
          t: "column",
          frame: c.frame,
          ...(c.field !== undefined ? { field: c.field } : {}),
        };
      }
      case "deref":
        return call("field", this.lower(e.base), {
          t: "const",
          value: this.a.fields.get(e)!,
          type: STRING,
        });
      case "index":
        return call("index", this.lower(e.base), this.lower(e.index));
      case "unary":
        if (e.op === "NOT") return call("not", this.lower(e.operand));
        return call(this.typeOf(e).kind === "INT" ? "negInt" : "neg", this.lower(e.operand));
      case "binary":
        return this.binary(e);
      case "isNull":
        return call(e.negated ? "isNotNull" : "isNull", this.lower(e.operand));
      case "distinct":
        return call(e.negated ? "notDistinct" : "distinct", ...this.comparands([e.left, e.right]));
      case "like":
        return call(
          e.negated ? "notLike" : "like",
          this.lower(e.operand),
          this.lower(e.pattern),
          e.escape ? this.lower(e.escape) : NULL_CONST,
        );
      case "in":
        return call(e.negated ? "notInList" : "inList", ...this.comparands([e.operand, ...e.list]));
      case "between":
        return call(
          e.negated ? "notBetween" : "between",
          ...this.comparands([e.operand, e.low, e.high]),
        );
      case "case":
        return this.caseExpression(e);
      case "cast":
        return this.cast(e);
      case "call":
        return this.call(e);
      case "array":
        return call("array", ...e.elements.map((x) => this.lower(x)));
      case "map":
        return call("map", ...e.entries.flatMap((m) => [this.lower(m.key), this.lower(m.value)]));
      case "struct":
        return call(
          "struct",
          { t: "const", value: e.fields.map((f) => f.name) },
          ...e.fields.map((f) => this.lower(f.value)),
        );
    }
  }

  private binary(e: ExprOf<"binary">): Ir {
    const left = this.lower(e.left);
    const right = this.lower(e.right);
    switch (e.op) {
      case "AND":
        return call("and", left, right);
      case "OR":
        return call("or", left, right);
      case "||":
        return call("concat", left, right);
      case "+":
      case "-":
      case "*":
      case "/":
      case "%": {
        const t = this.typeOf(e);
        if (t.kind === "STRING") return call("plusStrings", left, right);
        const kind =
          t.kind === "INT" || t.kind === "BIGINT" || t.kind === "DECIMAL" ? t.kind : "DOUBLE";
        const helper = ARITHMETIC[kind][e.op];
        return t.kind === "DECIMAL"
          ? call(helper, left, right, int(t.scale))
          : call(helper, left, right);
      }
      default:
        return call(COMPARISON[e.op], ...this.comparands([e.left, e.right]));
    }
  }

  /** Operands of one comparison; with a TIMESTAMP among them, STRING ones are parsed (ksqlDB). */
  private comparands(operands: Expr[]): Ir[] {
    const withTimestamp = operands.some((o) => this.typeOf(o).kind === "TIMESTAMP");
    return operands.map((o) => {
      const ir = this.lower(o);
      return withTimestamp && this.typeOf(o).kind === "STRING" ? call("castTimestamp", ir) : ir;
    });
  }

  private caseExpression(e: ExprOf<"case">): Ir {
    return {
      t: "case",
      branches: e.whens.map((w) => ({
        when: e.operand ? call("eq", ...this.comparands([e.operand, w.when])) : this.lower(w.when),
        result: this.lower(w.result),
      })),
      otherwise: e.otherwise ? this.lower(e.otherwise) : NULL_CONST,
    };
  }

  private cast(e: ExprOf<"cast">): Ir {
    const operand = this.lower(e.operand);
    const from = this.typeOf(e.operand);
    const to = e.type;
    if (from.kind === to.kind && to.kind !== "DECIMAL") return operand;
    if (to.kind === "DECIMAL")
      return call("castDecimal", operand, int(to.precision), int(to.scale));
    if (to.kind === "STRING") {
      const scale = from.kind === "DECIMAL" ? from.scale : 0;
      return call(
        "castString",
        operand,
        { t: "const", value: from.kind, type: STRING },
        int(scale),
      );
    }
    const helper = CAST[to.kind];
    return helper ? call(helper, operand) : operand;
  }

  private call(e: ExprOf<"call">): Ir {
    const def = this.a.functions.get(e)!;
    const args = e.args.map((x) => this.lower(x));
    const ir: Ir = { t: "call", helper: def.helper(e.args.map((x) => this.typeOf(x))), args };
    return def.deterministic ? ir : { ...ir, volatile: true };
  }
}
