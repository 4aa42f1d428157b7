// Prints the lowered IR as a TypeScript expression (helpers from `fn` of @riffle/expr) or a
// Java expression (helpers from a `Fn` class; frames as Map<String, Object>). Both call the
// same helpers, with the same names, that the compiled closures call.
import type { Ir } from "./lower";
import type { SqlType } from "./types";

export type CodeLanguage = "ts" | "java";

const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function printCode(ir: Ir, lang: CodeLanguage): string {
  switch (ir.t) {
    case "const":
      return lang === "ts" ? tsConstant(ir.value) : javaConstant(ir.value, ir.type);
    case "column":
      return column(ir.frame, ir.field, lang);
    case "call": {
      const args = ir.args.map((a) => printCode(a, lang)).join(", ");
      return `${lang === "ts" ? "fn" : "Fn"}.${ir.helper}(${args})`;
    }
    case "case": {
      const isTrue = (c: string) => (lang === "ts" ? `${c} === true` : `Boolean.TRUE.equals(${c})`);
      const branches = ir.branches.map(
        (b) => `${isTrue(printCode(b.when, lang))} ? ${printCode(b.result, lang)} : `,
      );
      return `(${branches.join("")}${printCode(ir.otherwise, lang)})`;
    }
  }
}

function column(frame: string, field: string | undefined, lang: CodeLanguage): string {
  if (field === undefined) return frame;
  if (lang === "java") return `${frame}.get(${JSON.stringify(field)})`;
  return JS_IDENTIFIER.test(field) ? `${frame}.${field}` : `${frame}[${JSON.stringify(field)}]`;
}

function tsConstant(v: unknown): string {
  if (v === undefined) return "null";
  if (typeof v === "number" && !Number.isFinite(v))
    return Number.isNaN(v) ? "Number.NaN" : v > 0 ? "Infinity" : "-Infinity";
  return JSON.stringify(v);
}

function javaConstant(v: unknown, type: SqlType | undefined): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v))
    return `java.util.List.of(${v.map((x) => javaConstant(x, undefined)).join(", ")})`;
  if (typeof v !== "number") return JSON.stringify(v);
  switch (type?.kind) {
    case "BIGINT":
      return `${v}L`;
    case "DOUBLE": {
      const text = String(v);
      return /[.eE]/.test(text) ? text : `${text}.0`;
    }
    case "DECIMAL":
      return `new java.math.BigDecimal("${v.toFixed(type.scale)}")`;
    default:
      return String(v);
  }
}
