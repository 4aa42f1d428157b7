// `riffle sql`: a ksqlDB-style shell on a worker's SQL surface (POST /ksql, /query-stream).
// Interactive with node:readline (statements end at `;`, history, RUN SCRIPT, Ctrl-C stops a
// running push query, not the shell), or one-shot with --execute / --file for scripts. History
// outlives the session (sql-history.ts).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { splitStatements } from "@riffle/sql";
import type { Command } from "commander";
import type { Io } from "../io";
import { HISTORY_SIZE, historyFile, historySaver, loadHistory } from "./sql-history";
import {
  type Entity,
  type Origin,
  renderEntity,
  renderError,
  renderTable,
  START,
} from "./sql-render";

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
  if (script) return runFile(c, script[1]!, io, origin);
  if (/^SELECT\b/i.test(text)) return runQuery(c, text, io, origin, signal);
  return runKsql(c, `${text};`, io, origin);
}

/** RUN SCRIPT: a file that cannot be read is reported where RUN SCRIPT was written. */
async function runFile(c: Connection, path: string, io: Io, origin: Origin): Promise<boolean> {
  let script: string;
  try {
    script = readFileSync(path, "utf8");
  } catch (err) {
    io.err(
      `line ${origin.line}:${origin.column}: cannot read '${path}': ${(err as Error).message}`,
    );
    return false;
  }
  return runScript(c, script, io);
}

async function runScript(c: Connection, script: string, io: Io): Promise<boolean> {
  for (const s of splitStatements(script)) {
    if (!(await runStatement(c, s.text, io, s))) return false;
  }
  return true;
}

/** The interactive loop; resolves when input ends (Ctrl-D) or on `exit`. */
function interactive(c: Connection, io: Io, historyPath = historyFile()): Promise<void> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: "riffle> ",
    history: loadHistory(historyPath),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    terminal: process.stdin.isTTY,
  });
  rl.on("history", historySaver(historyPath, io.err));
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
