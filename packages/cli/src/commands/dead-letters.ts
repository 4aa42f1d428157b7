// `riffle dead-letters list|replay`: a deployment's dead-letter topic (`<application.id>-dlq`),
// through a worker's HTTP API (--url, --token) or straight from a stopped worker's durable
// data directory (--data-dir with --app). Replay appends each letter to its source topic.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DLQ_HEADERS, DurableLog, deadLetterTopic, type LogRecord } from "@riffle/engine";
import type { Command } from "commander";
import type { Io } from "../io";
import { renderTable } from "./sql-render";

/** A dead letter as the worker lists it: key and value decoded, headers as stored. */
export interface DeadLetterRow {
  offset: number;
  timestamp: number;
  key: unknown;
  value: unknown;
  headers?: Record<string, string>;
}

export interface DeadLetterSource {
  list(limit: number): Promise<DeadLetterRow[]>;
  replay(): Promise<number>;
  close(): Promise<void>;
}

interface Options {
  url: string;
  token?: string;
  dataDir?: string;
  app?: string;
  limit: string;
  json?: boolean;
}

/** The worker's GET /deployments/:id/dead-letters and POST .../dead-letters/replay. */
export function workerSource(url: string, deployment: string, token?: string): DeadLetterSource {
  const base = `${url.replace(/\/$/, "")}/deployments/${encodeURIComponent(deployment)}/dead-letters`;
  const call = async (path: string, method: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
    if (!res.ok) {
      throw new Error(`worker ${url} answered ${res.status}: ${body.message ?? body.error ?? ""}`);
    }
    return body;
  };
  return {
    list: async (limit) => (await call(`?limit=${limit}`, "GET")) as unknown as DeadLetterRow[],
    replay: async () => ((await call("/replay", "POST")) as { replayed: number }).replayed,
    close: async () => {},
  };
}

/** The dead-letter topic in a worker's data directory (`<dir>/log/log.mdb`). */
export function dataDirSource(dataDir: string, applicationId: string): DeadLetterSource {
  const logDir = join(dataDir, "log");
  if (!existsSync(join(logDir, "log.mdb"))) {
    throw new Error(`${dataDir} holds no embedded log (no ${join(logDir, "log.mdb")})`);
  }
  const log = new DurableLog({ dir: logDir });
  const topic = deadLetterTopic(applicationId);
  const letters = async (): Promise<LogRecord[]> => {
    if ((await log.partitions(topic)) === undefined) {
      throw new Error(`no dead-letter topic ${topic} in ${dataDir}: is --app the application id?`);
    }
    const [start, end] = [await log.startOffset(topic, 0), await log.endOffset(topic, 0)];
    return log.read(topic, 0, start, Math.max(1, end - start));
  };
  return {
    list: async (limit) => (await letters()).slice(-limit).map(decoded),
    replay: async () => {
      const again = (await letters()).flatMap((l) => {
        const source = l.headers?.[DLQ_HEADERS.topic];
        return source
          ? [{ topic: source, timestamp: l.timestamp, key: l.key, value: l.value }]
          : [];
      });
      if (again.length > 0) await log.append(again);
      return again.length;
    },
    close: () => log.close(),
  };
}

function decoded(r: LogRecord): DeadLetterRow {
  return {
    offset: r.offset,
    timestamp: r.timestamp,
    key: bytesText(r.key),
    value: bytesText(r.value),
    headers: r.headers,
  };
}

/** JSON when the bytes are JSON, else the UTF-8 text (a letter may be undecodable input). */
function bytesText(bytes: Uint8Array | null): unknown {
  if (bytes === null) return null;
  const text = Buffer.from(bytes).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const MAX_CELL = 60;

function cell(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** One row per letter: where it came from, why it failed, and its key and value. */
export function renderDeadLetters(rows: DeadLetterRow[]): string {
  if (rows.length === 0) return "No dead letters.";
  const h = (r: DeadLetterRow, name: string) => r.headers?.[name] ?? "";
  return renderTable(
    ["OFFSET", "TIMESTAMP", "SOURCE", "ERROR", "KEY", "VALUE"],
    rows.map((r) => [
      r.offset,
      new Date(r.timestamp).toISOString(),
      `${h(r, DLQ_HEADERS.topic)}-${h(r, DLQ_HEADERS.partition)}@${h(r, DLQ_HEADERS.offset)}`,
      cell(h(r, DLQ_HEADERS.error)),
      cell(r.key),
      cell(r.value),
    ]),
  );
}

function sourceOf(deployment: string | undefined, o: Options): DeadLetterSource {
  if (o.dataDir) {
    if (!o.app) throw new Error("--data-dir needs --app <application id>");
    return dataDirSource(o.dataDir, o.app);
  }
  if (!deployment) throw new Error("name a deployment id (or use --data-dir with --app)");
  return workerSource(o.url, deployment, o.token);
}

/** Runs `list` or `replay`; returns the exit code (1 on any error, said on stderr). */
export async function runDeadLetters(
  action: "list" | "replay",
  deployment: string | undefined,
  o: Options,
  io: Io,
): Promise<number> {
  const limit = Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.err(`error: --limit must be a positive integer, got ${JSON.stringify(o.limit)}`);
    return 2;
  }
  let source: DeadLetterSource | undefined;
  try {
    source = sourceOf(deployment, o);
    if (action === "replay") {
      const replayed = await source.replay();
      io.out(
        `Replayed ${replayed} dead letter${replayed === 1 ? "" : "s"} to their source topics.`,
      );
    } else {
      const rows = await source.list(limit);
      io.out(o.json ? JSON.stringify(rows, null, 2) : renderDeadLetters(rows));
    }
    return 0;
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause;
    io.err(`error: ${(err as Error).message}${cause ? ` (${cause.message})` : ""}`);
    return 1;
  } finally {
    await source?.close();
  }
}

export function registerDeadLetters(program: Command, io: Io) {
  const group = program
    .command("dead-letters")
    .description("List or replay a deployment's dead letters (<application.id>-dlq)");
  for (const action of ["list", "replay"] as const) {
    group
      .command(`${action} [deployment]`)
      .description(
        action === "list"
          ? "Show the newest dead letters: source record, error, key and value"
          : "Append every dead letter again to the topic it came from",
      )
      .option("--url <url>", "worker URL", process.env.RIFFLE_URL ?? "http://127.0.0.1:4000")
      .option("--token <token>", "bearer token (RIFFLE_TOKEN)", process.env.RIFFLE_TOKEN)
      .option("--data-dir <dir>", "read a stopped worker's data directory instead of its API")
      .option("--app <applicationId>", "application id of the deployment (with --data-dir)")
      .option("--limit <n>", "how many of the newest letters to list", "100")
      .option("--json", "print the letters as JSON")
      .action(async (deployment: string | undefined, o: Options) => {
        process.exitCode = await runDeadLetters(action, deployment, o, io);
      });
  }
}
