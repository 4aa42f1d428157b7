// Public surface of @riffle/expr: the ksqlDB expression dialect — tokenize, parse, type-check,
// compile to closures, print to SQL / TypeScript / Java, and the scalar function catalogue.
import type { Expr } from "./ast";
import { lower } from "./lower";
import { type CodeLanguage, printCode } from "./print-code";
import { printSql } from "./print-sql";
import { ExpressionError } from "./result";
import type { Scope } from "./scope";
import { analyze } from "./type-check";

export type {
  ArithmeticOp,
  BinaryOp,
  CaseWhen,
  ComparisonOp,
  Expr,
  ExprKind,
  ExprOf,
  LiteralValue,
} from "./ast";
export { children, stripPositions } from "./ast";
export { compileExpression, type Evaluator, type Frames } from "./compile";
export { FUNCTIONS, findFunction } from "./functions/catalogue";
export type { Category, FunctionDef } from "./functions/define";
export { functionReference } from "./functions/reference";
export { parseExpression, parseExpressionAt } from "./parser";
export {
  type ExprError,
  ExpressionError,
  formatError,
  type Position,
  type Result,
} from "./result";
export { fn, type Runtime } from "./runtime";
export { resolveColumn, type Scope, type ScopeColumn } from "./scope";
export { type Token, type TokenType, tokenize } from "./tokenizer";
export { typeCheck } from "./type-check";
export { parseType } from "./type-parser";
export { formatType, quoteIdentifier, RESERVED, type SqlType, typesEqual } from "./types";

/**
 * Prints an expression as ksqlDB SQL (re-parses to the same AST), or as a TypeScript or Java
 * expression over the engine's frames (`value.amount`, `key`, `meta.timestamp`, ...). Code
 * printing needs the expression to type-check; without a scope, columns print as
 * `value.<name>`. Throws ExpressionError when code printing meets a type error.
 * @example printExpression(parseExpression("amount > 100").value, "ts") // "fn.gt(value.amount, 100)"
 */
export function printExpression(expr: Expr, lang: "sql" | CodeLanguage, scope?: Scope): string {
  if (lang === "sql") return printSql(expr);
  const analysis = analyze(expr, scope);
  if (analysis.errors.length > 0) throw new ExpressionError(analysis.errors);
  return printCode(lower(expr, analysis), lang);
}
