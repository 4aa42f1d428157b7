// `riffle run --topology FILE.json --input FILE.jsonl [--output FILE]`: compiles the document
// and feeds the record lines through the engine's test driver in input order, writing every
// output record as a record line in the order produced. Bad records (missing timestamp, a
// value that does not encode/decode for its topic) go to the dead-letter output with the line
// and reason; processing continues. `--sql FILE.sql` runs a ksqlDB script instead.
import { readFile, writeFile } from "node:fs/promises";
import {
  CompileError,
  compileTopology,
  type TestRecord,
  TopologyTestDriver,
  utf8Encode,
} from "@riffle/engine";
import type { Command } from "commander";
import { type Io, processIo } from "../io";
import { runSql } from "./sql-run";

export interface RunOptions {
  topology?: string;
  sql?: string;
  input: string;
  output?: string;
  deadLetters?: string;
}

interface RecordLine {
  topic?: unknown;
  key?: unknown;
  value?: unknown;
  timestamp?: unknown;
  partition?: unknown;
  headers?: Record<string, string>;
}

export interface DeadLetterLine {
  line: number;
  topic: string;
  reason: string;
}

async function readText(file: string, io: Io): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as Error).message}`);
    return undefined;
  }
}

function toLine(r: TestRecord): string {
  const { topic, key, value, timestamp, partition, window } = r;
  return JSON.stringify({ topic, key, value, timestamp, partition, ...(window ? { window } : {}) });
}

/** Pipes one record line; returns why it was refused, or undefined when it was processed. */
function pipeLine(driver: TopologyTestDriver, r: RecordLine): string | undefined {
  if (typeof r.timestamp !== "number" || !Number.isFinite(r.timestamp)) return "missing timestamp";
  if (r.timestamp < 0) return `invalid timestamp ${r.timestamp}`;
  const topic = r.topic as string;
  const serdes = driver.serdesOf(topic);
  let key: Uint8Array | null;
  let value: Uint8Array | null;
  try {
    key = serdes.keySerde.serialize(r.key ?? null);
  } catch (e) {
    return `key does not encode as ${serdes.keySerde.name}: ${(e as Error).message}`;
  }
  try {
    // A string for a DELIMITED topic is the raw line, decoded (and checked) by the topology.
    value =
      serdes.valueSerde.name === "DELIMITED" && typeof r.value === "string"
        ? utf8Encode(r.value)
        : serdes.valueSerde.serialize(r.value ?? null);
  } catch (e) {
    return `value does not encode as ${serdes.valueSerde.name}: ${(e as Error).message}`;
  }
  const partition = typeof r.partition === "number" ? r.partition : undefined;
  driver.pipeRaw({ topic, key, value, timestamp: r.timestamp, partition, headers: r.headers });
  return undefined;
}

export async function runTopology(options: RunOptions, io: Io = processIo): Promise<number> {
  const docText = await readText(options.topology!, io);
  const input = await readText(options.input, io);
  if (docText === undefined || input === undefined) return 2;
  let driver: TopologyTestDriver;
  try {
    driver = new TopologyTestDriver(compileTopology(JSON.parse(docText)).topology);
  } catch (e) {
    const why = e instanceof SyntaxError ? `not JSON: ${e.message}` : (e as Error).message;
    io.err(`${options.topology}: ${why}`);
    return e instanceof CompileError || e instanceof SyntaxError ? 1 : 2;
  }
  const dead: DeadLetterLine[] = [];
  for (const [i, text] of input.split("\n").entries()) {
    if (text.trim() === "") continue;
    let r: RecordLine;
    try {
      r = JSON.parse(text);
    } catch (e) {
      io.err(`${options.input}: line ${i + 1}: not JSON: ${(e as Error).message}`);
      return 2;
    }
    if (typeof r?.topic !== "string") {
      io.err(`${options.input}: line ${i + 1}: a record needs a "topic"`);
      return 2;
    }
    const before = driver.deadLetters.length;
    const refused = pipeLine(driver, r);
    if (refused) dead.push({ line: i + 1, topic: r.topic, reason: refused });
    for (const d of driver.deadLetters.slice(before))
      dead.push({ line: i + 1, topic: d.topic, reason: d.reason });
  }
  const lines = driver.allOutput().map(toLine);
  const deadLines = dead.map((d) => JSON.stringify(d));
  if (options.output) await writeFile(options.output, lines.map((l) => `${l}\n`).join(""));
  else for (const l of lines) io.out(l);
  if (options.deadLetters)
    await writeFile(options.deadLetters, deadLines.map((l) => `${l}\n`).join(""));
  else
    for (const d of dead)
      io.err(`${options.input}: line ${d.line}: dead letter (${d.topic}): ${d.reason}`);
  if (dead.length > 0)
    io.err(
      `${dead.length} dead letter${dead.length === 1 ? "" : "s"}; ${lines.length} output records`,
    );
  driver.close();
  return 0;
}

export function registerRun(program: Command, io: Io = processIo): void {
  program
    .command("run")
    .description("Run a topology (or a ksqlDB script) on JSON Lines records and print its output")
    .option("--topology <file>", "topology document (JSON)")
    .option("--sql <file>", "ksqlDB script instead of a topology document")
    .requiredOption("--input <file>", "input records, one JSON record line each")
    .option("--output <file>", "write output record lines here instead of stdout")
    .option(
      "--dead-letters <file>",
      "write dead letters (line, topic, reason) here instead of stderr",
    )
    .action(async (options: RunOptions) => {
      if (options.sql) process.exitCode = await runSql(options.sql, options.input, io);
      else if (options.topology) process.exitCode = await runTopology(options, io);
      else {
        io.err("riffle run: give --topology FILE.json or --sql FILE.sql");
        process.exitCode = 2;
      }
    });
}
