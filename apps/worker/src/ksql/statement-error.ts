// A refused statement in ksqlDB's REST shape: `statement_error` with the statement text and,
// unlike ksqlDB, the request-wide line and column of the fault.

export class StatementError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly errorCode = 40001,
  ) {
    super(message);
    this.name = "StatementError";
  }
}

export interface StatementErrorBody {
  "@type": "statement_error";
  error_code: number;
  message: string;
  statementText: string;
  line: number;
  column: number;
  entities: unknown[];
}

export function errorBody(error: StatementError, statementText: string): StatementErrorBody {
  return {
    "@type": "statement_error",
    error_code: error.errorCode,
    message: error.message,
    statementText,
    line: error.line,
    column: error.column,
    entities: [],
  };
}
