// `riffle export FILE --lang ts|java|ksql [--out FILE]`: the topology as code. Code goes to
// stdout (or --out), findings to stderr; unreadable or invalid input exits 1.
import { writeFile } from "node:fs/promises";
import { exportTopology, type Lang } from "@riffle/codegen";
import type { Command } from "commander";
import { type Io, processIo } from "../io";
import { readDocumentText } from "./read-document";

const LANGS: Lang[] = ["ts", "java", "ksql"];

export interface ExportOptions {
  lang: string;
  out?: string;
}

export async function runExport(
  file: string,
  options: ExportOptions,
  io: Io = processIo,
): Promise<number> {
  if (!LANGS.includes(options.lang as Lang)) {
    io.err(`--lang must be one of ${LANGS.join(", ")}, not '${options.lang}'`);
    return 1;
  }
  const text = await readDocumentText(file, io);
  if (text === undefined) return 1;
  const { code, findings } = exportTopology(text, options.lang as Lang);
  for (const f of findings) {
    io.err(
      `${file}: ${f.severity} ${f.code}${f.nodeId ? ` (node ${f.nodeId})` : ""}: ${f.message}`,
    );
  }
  if (code === "") return 1;
  if (!options.out) {
    io.out(code.trimEnd());
    return 0;
  }
  try {
    await writeFile(options.out, code);
    return 0;
  } catch (e) {
    io.err(`${options.out}: cannot write: ${(e as Error).message}`);
    return 1;
  }
}

export function registerExport(program: Command, io: Io = processIo): void {
  program
    .command("export")
    .description(
      "Print the topology as TypeScript (engine DSL), Java (Kafka Streams) or ksqlDB SQL",
    )
    .argument("<file>", "topology document (.json)")
    .requiredOption("--lang <lang>", "ts | java | ksql")
    .option("--out <file>", "write the code to a file instead of stdout")
    .action(async (file: string, options: ExportOptions) => {
      process.exitCode = await runExport(file, options, io);
    });
}
