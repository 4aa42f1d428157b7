// `riffle import FILE.sql`: prints the topology document of a ksqlDB script, or the first
// refused statement as `FILE:line:column: message` (exit 1).
import { readFile } from "node:fs/promises";
import { importSql, type SqlError } from "@riffle/sql";
import type { Command } from "commander";
import { type Io, processIo } from "../io";

/** `file:line:column: message`, the shape editors and terminals link. */
export function formatSqlError(file: string, e: SqlError): string {
  const tag = e.unsupported ? "unsupported: " : "";
  return `${file}:${e.line}:${e.column}: ${tag}${e.message}`;
}

/** Reads a file, reporting a missing or unreadable one instead of throwing. */
export async function readText(file: string, io: Io): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as Error).message}`);
    return undefined;
  }
}

export async function runImport(
  file: string,
  options: { name?: string },
  io: Io = processIo,
): Promise<number> {
  const script = await readText(file, io);
  if (script === undefined) return 2;
  const name = options.name ?? file.replace(/^.*\//, "").replace(/\.sql$/i, "");
  const result = importSql(script, { name });
  if (!result.ok) {
    for (const e of result.errors) io.err(formatSqlError(file, e));
    return 1;
  }
  io.out(JSON.stringify(result.document, null, 2));
  return 0;
}

export function registerImport(program: Command, io: Io = processIo): void {
  program
    .command("import")
    .description("Import a ksqlDB SQL script and print its topology document")
    .argument("<file>", "a .sql file of ksqlDB statements")
    .option("--name <name>", "document name (default: the file name)")
    .action(async (file: string, options: { name?: string }) => {
      process.exitCode = await runImport(file, options, io);
    });
}
