// Result and error shapes shared by every stage of the expression pipeline (tokenize, parse,
// type-check, compile): errors are values with a line and column, never stray exceptions.

/** One problem in an expression, located at a 1-based line and column. */
export interface ExprError {
  message: string;
  line: number;
  column: number;
  length?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: ExprError[] };

/** Where a token or AST node starts in the source text (1-based line and column). */
export interface Position {
  line: number;
  column: number;
  offset: number;
  length: number;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(errors: ExprError[]): Result<T> {
  return { ok: false, errors };
}

export function errorAt(pos: Position, message: string): ExprError {
  return { message, line: pos.line, column: pos.column, length: pos.length };
}

/** "message at line:column", the form used when errors are joined into one string. */
export function formatError(e: ExprError): string {
  return `${e.message} at ${e.line}:${e.column}`;
}

/** Thrown only by compileExpression when handed an expression that does not type-check. */
export class ExpressionError extends Error {
  constructor(readonly errors: ExprError[]) {
    super(errors.map(formatError).join("; "));
    this.name = "ExpressionError";
  }
}

/** Internal control flow of the parsers: carries the first error to the Result boundary. */
export class ParseFailure extends Error {
  constructor(readonly error: ExprError) {
    super(error.message);
  }
}
