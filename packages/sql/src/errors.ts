// Errors of the SQL import: every one carries a line and column of the whole script, so an
// editor can underline it. Parsing throws SqlFailure internally; the public API returns them.

/** A problem in the submitted SQL, positioned in the whole script (1-based). */
export interface SqlError {
  message: string;
  line: number;
  column: number;
  length?: number;
  /** A construct Riffle recognises but cannot run (schema-registry formats, ALTER ...). */
  unsupported?: boolean;
}

/** Where something starts in the script. */
export interface Position {
  line: number;
  column: number;
  length?: number;
}

/** Thrown inside the parser and planner; caught at the statement boundary. */
export class SqlFailure extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }

  toError(): SqlError {
    return { message: this.message, ...this.position };
  }
}

export function fail(message: string, position: Position): never {
  throw new SqlFailure(message, position);
}
