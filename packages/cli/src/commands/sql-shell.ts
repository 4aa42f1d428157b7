// `riffle sql`: a ksqlDB-style shell on a worker's SQL surface (POST /ksql, /query-stream).
// Interactive with node:readline (statements end at `;`, history, RUN SCRIPT, Ctrl-C stops a
// running push query, not the shell), or one-shot with --execute / --file for scripts.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { splitStatements } from "@riffle/sql";
import type { Command } from "commander";
import type { Io } from "../io";

interface Connection {
  url: string;
  token?: string;
}

/** Collects typed lines until a `;` outside quotes ends one or more statements. */
export class StatementBuffer {
  private text = "";

  /** Feeds one line; returns the complete statements it finished (possibly none). */
  feed(line: string): string[] {
    this.text += `${line}\n`;
    const end = lastTopLevelSemicolon(this.text);
    if (end < 0) return [];
    const done = this.text.slice(0, end + 1);
    this.text = this.text.slice(end + 1).trimStart();
    return splitStatements(done).map((s) => s.text);
  }

  get pending(): boolean {
    return this.text.trim() !== "";
  }

  clear() {
    this.text = "";
  }
}

function lastTopLevelSemicolon(text: string): number {
  let quote: string | null = null;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === "`" || c === '"') quote = c;
    else if (c === "-" && text[i + 1] === "-")
      i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
    else if (c === ";") last = i;
  }
  return last;
}

/** An aligned table like ksqlDB's CLI draws. */
export function renderTable(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((r) =>
    r.map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "null"))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (r: string[]) =>
    `|${widths.map((w, i) => ` ${(r[i] ?? "").padEnd(w)} `).join("|")}|`;
  return [rule, line(headers), rule, ...cells.map(line), rule].join("\n");
}

type Entity = Record<string, any>;

/** One /ksql result entity as the shell shows it. */
export function renderEntity(e: Entity): string {
  switch (e["@type"]) {
    case "streams":
    case "tables": {
      const list = (e.streams ?? e.tables) as Entity[];
      const kind = e["@type"] === "streams" ? "Stream" : "Table";
      return renderTable(
        [`${kind} Name`, "Kafka Topic", "Key Format", "Value Format", "Windowed"],
        list.map((s) => [s.name, s.topic, s.keyFormat, s.valueFormat, s.isWindowed]),
      );
    }
    case "queries":
      return renderTable(
        ["Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic", "Query String"],
        (e.queries as Entity[]).map((q) => [
          q.id,
          q.queryType,
          q.state,
          q.sinks.join(","),
          q.sinkKafkaTopics.join(","),
          q.queryString.replace(/\s+/g, " "),
        ]),
      );
    case "kafka_topics":
      return renderTable(
        ["Kafka Topic", "Partitions"],
        (e.topics as Entity[]).map((t) => [t.name, t.replicaInfo.length]),
      );
    case "sourceDescription": {
      const d = e.sourceDescription as Entity;
      const fields = renderTable(
        ["Field", "Type"],
        (d.fields as Entity[]).map((f) => [
          f.name,
          `${f.schema.type}${f.type === "KEY" ? " (key)" : ""}`,
        ]),
      );
      const queries = (label: string, qs: Entity[]) =>
        qs.length ? `\n${label}: ${qs.map((q) => q.id).join(", ")}` : "";
      return `Name                 : ${d.name}\nType                 : ${d.type}\nKafka topic          : ${d.topic}\n${fields}${queries("Queries that read from this", d.readQueries)}${queries("Queries that write into this", d.writeQueries)}`;
    }
    case "properties":
      return renderTable(["Property", "Value"], Object.entries(e.properties as Entity));
    case "queryDescription":
      return renderTable(["Field", "Value"], Object.entries(e.queryDescription as Entity));
    case "currentStatus":
      return ` ${e.commandStatus.message}`;
    default:
      return JSON.stringify(e, null, 2);
  }
}

/** Where a statement starts in the script or session it came from (1-based). */
interface Origin {
  line: number;
  column: number;
}

const START: Origin = { line: 1, column: 1 };

/** A statement_error as `line L:C: message`, positioned in the script the statement came from. */
export function renderError(e: Entity, origin: Origin = START): string {
  if (e.line === undefined) return `${e.message}\nStatement: ${e.statementText}`;
  const line = origin.line + e.line - 1;
  const column = e.line === 1 ? origin.column + e.column - 1 : e.column;
  return `line ${line}:${column}: ${e.message}\nStatement: ${e.statementText}`;
}

function headers(c: Connection) {
  return {
    "content-type": "application/json",
    ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
  };
}

/** Runs statements through /ksql; returns false after the first error. */
async function runKsql(c: Connection, text: string, io: Io, origin: Origin): Promise<boolean> {
  const res = await fetch(`${c.url}/ksql`, {
    method: "POST",
    headers: headers(c),
    body: JSON.stringify({ ksql: text, streamsProperties: {} }),
  });
  const body = (await res.json()) as Entity | Entity[];
  if (!Array.isArray(body)) {
    io.err(body["@type"] === "statement_error" ? renderError(body, origin) : JSON.stringify(body));
    return false;
  }
  for (const e of body) io.out(renderEntity(e));
  return true;
}

/** A pull query prints a table; a push query prints rows as they come until LIMIT or abort. */
async function runQuery(
  c: Connection,
  sql: string,
  io: Io,
  origin: Origin,
  signal?: AbortSignal,
): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(`${c.url}/query-stream`, {
      method: "POST",
      headers: headers(c),
      body: JSON.stringify({ sql }),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) return true;
    throw err;
  }
  if (res.status !== 200) {
    io.err(renderError((await res.json()) as Entity, origin));
    return false;
  }
  const push = /\bEMIT\s+CHANGES\b/i.test(sql);
  let header: string[] | undefined;
  const rows: unknown[][] = [];
  try {
    for await (const line of lines(res)) {
      const parsed = JSON.parse(line);
      if (!header) {
        header = parsed.columnNames as string[];
        if (push) io.out(renderTable(header, []).split("\n").slice(0, 3).join("\n"));
      } else if (push) io.out(renderTable(header, [parsed]).split("\n")[3]!);
      else rows.push(parsed);
    }
  } catch (err) {
    if (!signal?.aborted) throw err;
    io.out("Query terminated");
    return true;
  }
  if (!push && header) io.out(renderTable(header, rows));
  return true;
}

async function* lines(res: Response) {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
    }
  }
}

const RUN_SCRIPT = /^RUN\s+SCRIPT\s+'([^']+)'$/i;

/** Runs one statement the shell way: RUN SCRIPT locally, SELECT as a query, the rest on /ksql. */
async function runStatement(
  c: Connection,
  text: string,
  io: Io,
  origin: Origin = START,
  signal?: AbortSignal,
): Promise<boolean> {
  const script = text.match(RUN_SCRIPT);
  if (script) return runScript(c, readFileSync(script[1]!, "utf8"), io);
  if (/^SELECT\b/i.test(text)) return runQuery(c, text, io, origin, signal);
  return runKsql(c, `${text};`, io, origin);
}

async function runScript(c: Connection, script: string, io: Io): Promise<boolean> {
  for (const s of splitStatements(script)) {
    if (!(await runStatement(c, s.text, io, s))) return false;
  }
  return true;
}

/** The interactive loop; resolves when input ends (Ctrl-D) or on `exit`. */
function interactive(c: Connection, io: Io): Promise<void> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: "riffle> ",
    historySize: 500,
    terminal: process.stdin.isTTY,
  });
  const buffer = new StatementBuffer();
  let running: AbortController | undefined;
  let queue = Promise.resolve();
  rl.on("SIGINT", () => {
    if (running) running.abort();
    else {
      buffer.clear();
      io.out("^C (Ctrl-D or exit to leave)");
      rl.prompt();
    }
  });
  rl.on("line", (line) => {
    if (!buffer.pending && /^\s*(exit|quit)\s*;?\s*$/i.test(line)) return rl.close();
    const statements = buffer.feed(line);
    queue = queue.then(async () => {
      for (const s of statements) {
        running = new AbortController();
        try {
          await runStatement(c, s, io, START, running.signal);
        } catch (err) {
          io.err(`error: ${(err as Error).message}`);
        }
        running = undefined;
      }
      rl.setPrompt(buffer.pending ? "     > " : "riffle> ");
      rl.prompt();
    });
  });
  rl.prompt();
  return new Promise((resolve) => rl.on("close", () => queue.then(resolve)));
}

export function registerSql(program: Command, io: Io) {
  program
    .command("sql")
    .description("A ksqlDB-style SQL shell on a Riffle worker")
    .option("--url <url>", "worker URL", process.env.RIFFLE_URL ?? "http://127.0.0.1:4000")
    .option("--token <token>", "bearer token (RIFFLE_TOKEN)", process.env.RIFFLE_TOKEN)
    .option("--file <file>", "run the statements of a .sql file and exit")
    .option("--execute <statements>", "run these statements and exit")
    .action(async (o: { url: string; token?: string; file?: string; execute?: string }) => {
      const c = { url: o.url.replace(/\/$/, ""), token: o.token };
      try {
        const script = o.execute ?? (o.file ? readFileSync(o.file, "utf8") : undefined);
        if (script === undefined) await interactive(c, io);
        else if (!(await runScript(c, script, io))) process.exitCode = 1;
      } catch (err) {
        io.err(`error: cannot reach ${c.url}: ${(err as Error).message}`);
        process.exitCode = 1;
      }
    });
}
