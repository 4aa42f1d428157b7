// `riffle run --sql FILE.sql --input FILE.jsonl`: imports the script's persistent queries and
// runs them on JSON Lines input records, printing every record written to a topic as a line.
// Also the engine adapter the conformance runner (`riffle test`) uses.
import { type CaseEngine, importSql, type RecordLine } from "@riffle/sql";
import { type Io, processIo } from "../io";
import { formatSqlError, readText } from "./import";

/** Runs a topology document on records through the engine's test driver. */
export const runDocument: CaseEngine = async () => {
  throw new Error("the engine's document compiler (compileTopology) is not available yet");
};

/** Parses JSON Lines records; a bad line is reported with its number. */
export function parseRecordLines(text: string): { records: RecordLine[] } | { error: string } {
  const records: RecordLine[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      const r = JSON.parse(line) as RecordLine;
      if (typeof r?.topic !== "string") return { error: `line ${i + 1}: a record needs a "topic"` };
      records.push(r);
    } catch (e) {
      return { error: `line ${i + 1}: not JSON: ${(e as Error).message}` };
    }
  }
  return { records };
}

export async function runSql(
  sqlFile: string,
  inputFile: string,
  io: Io = processIo,
  engine: CaseEngine = runDocument,
): Promise<number> {
  const script = await readText(sqlFile, io);
  const input = await readText(inputFile, io);
  if (script === undefined || input === undefined) return 2;
  const imported = importSql(script, { name: sqlFile.replace(/^.*\//, "").replace(/\.sql$/i, "") });
  if (!imported.ok) {
    for (const e of imported.errors) io.err(formatSqlError(sqlFile, e));
    return 1;
  }
  const parsed = parseRecordLines(input);
  if ("error" in parsed) {
    io.err(`${inputFile}: ${parsed.error}`);
    return 2;
  }
  try {
    const inputs = parsed.records.map((r) => ({ timestamp: 0, ...r }));
    for (const r of await engine(imported.document, inputs, {})) io.out(JSON.stringify(r));
    return 0;
  } catch (e) {
    io.err(`${sqlFile}: run failed: ${(e as Error).message}`);
    return 1;
  }
}
