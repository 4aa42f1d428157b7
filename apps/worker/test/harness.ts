// Starts workers for tests on either database, with silent logs, port 0 and samples off, and
// wraps fastify's inject for terse REST calls.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { inject } from "vitest";
import { startWorker, type Worker, type WorkerOptions } from "../src/app";
import { loadConfig } from "../src/config";

export interface Backend {
  name: "pglite" | "postgresql";
  url?: string;
}

/** PGlite always; PostgreSQL when global-setup found one. */
export function backends(): Backend[] {
  const url = inject("pgUrl");
  return [{ name: "pglite" }, ...(url ? [{ name: "postgresql" as const, url }] : [])];
}

export interface TestWorkerOptions extends WorkerOptions {
  env?: Record<string, string>;
  /** A database kept across restarts: a data dir for PGlite, a URL for PostgreSQL. */
  store?: TestStore;
}

export interface TestStore {
  env: Record<string, string>;
  inMemory: boolean;
  drop(): Promise<void>;
}

/** A fresh database: an empty data dir, or a new database in the PostgreSQL cluster. */
export async function freshStore(backend: Backend, persistent = false): Promise<TestStore> {
  if (backend.name === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "riffle-worker-test-"));
    const env: Record<string, string> = { RIFFLE_DATA_DIR: dir, RIFFLE_LOG: "durable" };
    return { env, inMemory: !persistent, drop: async () => {} };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "riffle-worker-test-"));
  const name = `riffle_test_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(backend.url!, `CREATE DATABASE ${name}`);
  const url = new URL(backend.url!);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), RIFFLE_DATA_DIR: dataDir, RIFFLE_LOG: "durable" },
    inMemory: false,
    drop: () => adminQuery(backend.url!, `DROP DATABASE ${name} WITH (FORCE)`),
  };
}

export async function startTestWorker(backend: Backend, options: TestWorkerOptions = {}) {
  const store = options.store ?? (await freshStore(backend));
  const config = loadConfig({
    PORT: "0",
    RIFFLE_SAMPLES: "off",
    WEB_ORIGIN: "http://studio.test",
    ...store.env,
    ...options.env,
  });
  const worker = await startWorker(config, pino({ level: "silent" }), {
    ...options,
    inMemoryDatabase: store.inMemory,
  });
  return Object.assign(worker, {
    async stop() {
      await worker.close("test finished");
      if (!options.store) await store.drop();
    },
  });
}

export type TestWorker = Awaited<ReturnType<typeof startTestWorker>>;

export interface CallResult {
  status: number;
  body: any;
}

/** One REST call; `body` as a string is sent raw (for malformed JSON). */
export async function call(
  worker: Worker,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const res = await worker.app.inject({
    method,
    url,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    payload:
      typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

/** A valid pass-through topology: `from` topic -> `to` topic. */
export function passThrough(from = "orders", to = "orders-copy", name = "pass-through") {
  return {
    format: "riffle.topology/v1",
    name,
    topics: [
      {
        name: from,
        partitions: 1,
        key: [{ name: "id", type: "STRING" }],
        value: [{ name: "n", type: "INT" }],
      },
    ],
    nodes: [
      { id: "src", kind: "stream-source", config: { topic: from } },
      { id: "out", kind: "sink", config: { topic: to } },
    ],
    edges: [{ id: "e1", from: { node: "src" }, to: { node: "out" } }],
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Polls a topic until it holds at least `count` records; returns them. */
export async function records(worker: Worker, topic: string, count: number): Promise<any[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await call(worker, "GET", `/topics/${topic}/records?limit=1000`);
    if (res.status === 200 && res.body.length >= count) return res.body;
    if (Date.now() > deadline)
      throw new Error(`topic ${topic}: ${res.body?.length ?? 0} of ${count} records`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
