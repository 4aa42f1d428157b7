// Operational errors of the embedded log's storage. Both name the file, so a person knows
// what to restore, free or move; neither is ever swallowed.

/** The data file is damaged, truncated or of an unknown format; nothing was skipped. */
export class LogCorruptError extends Error {
  override readonly name = "LogCorruptError";
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`embedded log data file ${file} is corrupt: ${detail}`);
  }
}

/** A commit did not fit (disk or map size full). Nothing of that commit was written. */
export class LogFullError extends Error {
  override readonly name = "LogFullError";
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `embedded log ${file} is full: the commit was refused and nothing of it was written (${(cause as Error).message})`,
      { cause },
    );
  }
}
