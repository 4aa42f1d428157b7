// A topology document the engine cannot run: carries the validation findings (node ids,
// fields) so callers can show where the problem is.
import type { Finding } from "@riffle/topology";

export class CompileError extends Error {
  override readonly name = "CompileError";
  constructor(
    message: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
  }
}
