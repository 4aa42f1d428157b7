// Several worker processes (real children, `node --import tsx src/main.ts`) on one commands
// directory: the two sharing a service id (ksql.service.id) run the same queries, after a
// restart of either and while both run; the one with another id runs nothing of theirs.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, freshStore, type TestStore } from "./harness";

const WORKER_DIR = new URL("..", import.meta.url).pathname;

const READINGS = `CREATE STREAM READINGS (SENSOR STRING KEY, TEMP DOUBLE)
  WITH (KAFKA_TOPIC='readings', VALUE_FORMAT='JSON', PARTITIONS=1);`;
const HOT = "CREATE STREAM HOT AS SELECT SENSOR, TEMP FROM READINGS WHERE TEMP > 30 EMIT CHANGES;";
const COLD = "CREATE STREAM COLD AS SELECT SENSOR, TEMP FROM READINGS WHERE TEMP < 0 EMIT CHANGES;";

interface Process {
  url: string;
  child: ChildProcess;
}

/** A worker child process; resolves when it logs "worker ready" with its URL (port 0). */
function spawnWorker(env: Record<string, string>): Promise<Process> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...process.env, PORT: "0", RIFFLE_SAMPLES: "off", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (!line.includes('"worker ready"')) return;
      resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before ready`)));
  });
}

async function stopWorker(p: Process) {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((resolve) => p.child.once("exit", resolve));
  p.child.kill("SIGTERM");
  await exited;
}

async function post(p: Process, path: string, body: unknown) {
  const res = await fetch(`${p.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function ksql(p: Process, text: string) {
  const res = await post(p, "/ksql", { ksql: text });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as any[];
}

async function sqlQueryIds(p: Process): Promise<string[]> {
  const [queries] = await ksql(p, "SHOW QUERIES;");
  return queries.queries.map((q: { id: string }) => q.id).sort();
}

/** Waits (without timing anything) until `probe` returns a value `accept` takes. */
async function until<T>(probe: () => Promise<T>, accept: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("workers sharing a service id share the commands log (ksqlDB's command topic)", () => {
  const commandsDir = mkdtempSync(join(tmpdir(), "riffle-commands-"));
  // PostgreSQL when there is one: three PGlite databases at once cost ~2 GB.
  const backend = backends().at(-1)!;
  const stores: TestStore[] = [];
  const running = new Set<Process>();
  const env = new Map<string, Record<string, string>>();

  async function start(name: string, serviceId: string) {
    if (!env.has(name)) {
      const store = await freshStore(backend, true);
      stores.push(store);
      env.set(name, {
        ...store.env,
        RIFFLE_SERVICE_ID: serviceId,
        RIFFLE_COMMANDS_DIR: commandsDir,
      });
    }
    const p = await spawnWorker(env.get(name)!);
    running.add(p);
    return p;
  }
  async function stop(p: Process) {
    running.delete(p);
    await stopWorker(p);
  }

  let a: Process;
  let b: Process;
  let c: Process;
  beforeAll(async () => {
    [a, b, c] = await Promise.all([start("a", "shop"), start("b", "shop"), start("c", "lab")]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...running].map(stopWorker));
    for (const s of stores) await s.drop();
  });

  it("a statement sent to A runs on B at once, through B's own data", async () => {
    const created = await ksql(a, `${READINGS}\n${HOT}`);
    const hot = created[1].commandStatus.queryId;
    expect(await sqlQueryIds(b)).toEqual([hot]);

    await post(b, "/topics/readings/records", { key: "s1", value: { TEMP: 35 } });
    const out = await until(
      async () => (await fetch(`${b.url}/topics/HOT/records?limit=10`)).json() as Promise<any[]>,
      (records) => Array.isArray(records) && records.length > 0,
    );
    expect(out[0]).toMatchObject({ key: "s1", value: { TEMP: 35 } });
  });

  it("B follows A's commands while running, without a request (ksqlDB's CommandRunner)", async () => {
    const before = await deploymentsRunning(b);
    await ksql(a, COLD);
    const after = await until(
      () => deploymentsRunning(b),
      (n) => n > before,
    );
    expect(after).toBe(before + 1);
  });

  it("the same CREATE sent to both at once is accepted by one and refused by the other", async () => {
    const race = `CREATE STREAM RACE (ID STRING KEY) WITH (KAFKA_TOPIC='race', VALUE_FORMAT='JSON', PARTITIONS=1);`;
    const answers = await Promise.all([a, b].map((p) => post(p, "/ksql", { ksql: race })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(answers.find((r) => r.status === 400)!.body.message).toMatch(/RACE/);
    await ksql(a, "DROP STREAM RACE;");
  });

  it("a worker with another service id runs nothing of theirs", async () => {
    const [streams, queries] = await ksql(c, "SHOW STREAMS; SHOW QUERIES;");
    expect(streams.streams).toEqual([]);
    expect(queries.queries).toEqual([]);
    expect(await deploymentsRunning(c)).toBe(0);
  });

  it("a worker restarted after statements sent to the other replays them", async () => {
    await stop(b);
    await ksql(a, "TERMINATE ALL;");
    const [terminated] = await ksql(a, "SHOW QUERIES;");
    expect(terminated.queries).toEqual([]);
    await ksql(a, `DROP STREAM COLD;\n${COLD}`);
    const onA = await sqlQueryIds(a);
    expect(onA).toEqual([expect.stringMatching(/^CSAS_COLD_\d+$/)]);

    b = await start("b", "shop");
    expect(await sqlQueryIds(b)).toEqual(onA);
    expect(await deploymentsRunning(b)).toBe(1);

    await stop(a);
    await ksql(b, `DROP STREAM HOT;\n${HOT}`);
    a = await start("a", "shop");
    const both = await sqlQueryIds(a);
    expect(both).toEqual(await sqlQueryIds(b));
    expect(both).toHaveLength(2);
  }, 120_000);
});

async function deploymentsRunning(p: Process): Promise<number> {
  const list = (await (await fetch(`${p.url}/deployments`)).json()) as { status: string }[];
  return list.filter((d) => d.status === "running").length;
}
