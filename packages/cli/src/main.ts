// The `riffle` command: a commander program to which each command registers itself.
// Adding a command is one import and one entry in COMMANDS; its action sets
// `process.exitCode`, which main() returns.
import { Command, CommanderError } from "commander";
import { registerDeadLetters } from "./commands/dead-letters";
import { registerDescribe } from "./commands/describe";
import { registerExport } from "./commands/export";
import { registerImport } from "./commands/import";
import { registerRun } from "./commands/run";
import { registerSql } from "./commands/sql-shell";
import { registerTemplates } from "./commands/templates";
import { registerTest } from "./commands/test";
import { registerValidate } from "./commands/validate";
import { type Io, processIo } from "./io";

/** Adds one command (name, arguments, options, action) to the program. */
export type RegisterCommand = (program: Command, io: Io) => void;

const COMMANDS: RegisterCommand[] = [
  registerValidate,
  registerDescribe,
  registerTemplates,
  registerImport,
  registerTest,
  registerExport,
  registerRun,
  registerSql,
  registerDeadLetters,
];

/** Usage errors (unknown command, missing argument) exit with 2, like unreadable input. */
const USAGE_ERROR = 2;

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code.
 * @example await main(["validate", "topology.json", "--json"])
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const program = new Command("riffle")
    .description("Riffle: design, check and run Kafka Streams-style topologies")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  for (const register of COMMANDS) register(program, io);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return e.exitCode === 0 ? 0 : USAGE_ERROR;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return code;
}
