// `riffle test FILE.json...`: runs ksqlDB query-validation-test files through the SQL import
// and the engine, prints pass / fail (with a diff) / unsupported per case and the closing
// `N passed, N failed, N unsupported`; exit 0 only when nothing failed.
import {
  type CaseEngine,
  type CaseOutcome,
  formatOutcome,
  readQttFile,
  runCase,
  summaryLine,
  tally,
} from "@riffle/sql";
import type { Command } from "commander";
import { type Io, processIo } from "../io";
import { readText } from "./import";
import { runDocument } from "./sql-run";

export interface TestOptions {
  /** Print only failures and the summary. */
  quiet?: boolean;
}

export async function runTests(
  files: string[],
  options: TestOptions = {},
  io: Io = processIo,
  engine: CaseEngine = runDocument,
): Promise<number> {
  const outcomes: CaseOutcome[] = [];
  let unreadable = 0;
  for (const file of files) {
    const text = await readText(file, io);
    const parsed = text === undefined ? undefined : readQttFile(text);
    if (!parsed?.ok) {
      if (parsed) io.err(`${file}: ${parsed.error}`);
      unreadable++;
      continue;
    }
    for (const c of parsed.cases) {
      const outcome = await runCase(c, engine);
      outcomes.push(outcome);
      if (!options.quiet || outcome.status === "fail") io.out(formatOutcome(outcome, file));
    }
  }
  const t = tally(outcomes);
  io.out(summaryLine(t));
  return t.failed > 0 || unreadable > 0 ? 1 : 0;
}

export function registerTest(program: Command, io: Io = processIo): void {
  program
    .command("test")
    .description("Run ksqlDB query-validation-test files (QTT JSON) through import and the engine")
    .argument("<files...>", "QTT .json files")
    .option("-q, --quiet", "print only failures and the summary")
    .action(async (files: string[], options: TestOptions) => {
      process.exitCode = await runTests(files, options, io);
    });
}
