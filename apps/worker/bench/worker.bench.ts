// End-to-end figures for the worker, run as a child process on embedded defaults:
//  - RSS idle (first start creating the database, then a restart reopening it);
//  - latency from a record produced through the REST API to its sink output at a socket.io
//    client, p50/p99 at 5,000 records/s (target p99 < 100 ms);
//  - processing throughput of bursts with no clients (the baseline) and with 50 clients, 10 of
//    them never reading, alternating in one run on the same data so the machine's load hits
//    both alike, plus the RSS with those clients.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { connect, type Tally } from "../test/live-client";

const RATE = 5000;
const SECONDS = 8;
const BATCH_EVERY_MS = 10;
const BURST = 20_000;
/** Bursts per side, in the order quiet/watched, watched/quiet, ... */
const ROUNDS = 6;

const dataDir = mkdtempSync(join(tmpdir(), "riffle-bench-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});
const mb = (b: number | { total: number; file: number }): string =>
  typeof b === "number"
    ? `${(b / 1048576).toFixed(0)} MB`
    : `${mb(b.total)} (${mb(b.total - b.file)} anonymous, ${mb(b.file)} file-backed)`;
const step = (what: string) => console.error(`bench: ${what}`);

try {
  step("first start (creates the database)");
  const first = await startWorker();
  const rssCreate = await idleRss(first);
  await stopProcess(first);
  console.log("Riffle worker bench (embedded PGlite, embedded log, one machine)");
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${cpus().length} cores\n`,
  );
  console.log(`RSS idle, first start (creates the database): ${mb(rssCreate)}`);
  step("restart");
  const worker = await startWorker();
  const rssIdle = await idleRss(worker);
  console.log(`RSS idle, restart (reopens it):               ${mb(rssIdle)}   (limit 600 MB)`);
  step(`latency at ${RATE} records/s for ${SECONDS} s`);

  const deploymentId = await deployPassThrough("bench-in", "bench-out");
  const cpuBefore = cpuSeconds(worker);
  const latency = await measureLatency(deploymentId);
  const cpuShare = (cpuSeconds(worker) - cpuBefore) / (latency.seconds || 1);
  console.log(
    `latency REST -> sink -> socket.io at ${RATE}/s:  p50 ${latency.p50.toFixed(1)} ms  p99 ${latency.p99.toFixed(1)} ms  max ${latency.max.toFixed(1)} ms  (${latency.received} delivered, ${latency.dropped} dropped; target p99 < 100 ms)`,
  );
  console.log(
    `  of which the produce request (REST -> log append -> response): p50 ${latency.postP50.toFixed(1)} ms  p99 ${latency.postP99.toFixed(1)} ms; bench process event-loop delay p99 ${latency.clientDelayP99.toFixed(1)} ms`,
  );
  console.log(
    `  worker CPU during it: ${(cpuShare * 100).toFixed(0)}% of one core (what 5,000 records/s cost the worker, whatever the machine's load)`,
  );
  step(`${ROUNDS} bursts each without and with 50 clients, alternating`);
  const quiet = await deployPassThrough("burst-a-in", "burst-a-out");
  const watched = await deployPassThrough("burst-b-in", "burst-b-out");
  const rssBeforeClients = rss(worker);
  const clients = await startClients(watched, 50, 10);
  const runs = { quiet: [] as Burst[], watched: [] as Burst[] };
  for (let round = 0; round < ROUNDS; round++) {
    const sides =
      round % 2 === 0 ? (["quiet", "watched"] as const) : (["watched", "quiet"] as const);
    for (const side of sides) {
      const [input, id] = side === "quiet" ? ["burst-a-in", quiet] : ["burst-b-in", watched];
      const clientsCpu = cpuSeconds(clients);
      const burst = await burstThroughput(worker, input, id, BURST * (round + 1));
      runs[side].push({ ...burst, clientsCpu: cpuSeconds(clients) - clientsCpu });
    }
  }
  const rssClients = rss(worker);
  // V8 collects the bursts' garbage lazily (its memory reducer acts after seconds without
  // allocation): what stays is what a quiet moment shows.
  const rssClientsIdle = await idleRss(worker, 15_000);
  await stopProcess(clients);
  await stopProcess(worker);

  const rates = { quiet: runs.quiet.map((b) => b.rate), watched: runs.watched.map((b) => b.rate) };
  const ratios = rates.watched.map((w, i) => w / rates.quiet[i]!);
  console.log(
    `bursts of ${BURST} records, records/s, alternating (no clients | 50 clients, 10 never reading | ratio):`,
  );
  for (let i = 0; i < ROUNDS; i++) {
    console.log(
      `  round ${i + 1}: ${rates.quiet[i]!.toFixed(0).padStart(7)} | ${rates.watched[i]!.toFixed(0).padStart(7)} | ${pct(ratios[i]!)}`,
    );
  }
  console.log(
    `  median:  ${median(rates.quiet).toFixed(0).padStart(7)} | ${median(rates.watched).toFixed(0).padStart(7)} | ${pct(median(ratios))} of the no-client rate`,
  );
  const perRecord = (bursts: Burst[]) => (median(bursts.map((b) => b.cpu)) / BURST) * 1e6;
  console.log(
    `  worker CPU per record (median): ${perRecord(runs.quiet).toFixed(1)} µs | ${perRecord(runs.watched).toFixed(1)} µs (the clients run in a process of their own)`,
  );
  const clientsShare = (b: Burst) => ((b.clientsCpu ?? 0) * b.rate) / BURST;
  console.log(
    `  the clients' process during the bursts (median): ${pct(median(runs.quiet.map(clientsShare)))} | ${pct(median(runs.watched.map(clientsShare)))} of a core, taken from the same 2 cores`,
  );
  console.log(`RSS before the clients connect:               ${mb(rssBeforeClients)}`);
  console.log(`RSS with 50 clients, after the bursts:        ${mb(rssClients)}`);
  console.log(`RSS with 50 clients, 15 s later:              ${mb(rssClientsIdle)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

async function measureLatency(deploymentId: string) {
  const client = await connect(base, { keep: 0 });
  await client.subscribe(deploymentId, { maxRate: RATE });
  const samples: number[] = [];
  const posts: number[] = [];
  // The bench process shares the machine too: its own event-loop delay is part of every figure.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  client.socket.on("records", (batch: { records: { value: { sentAt: number } }[] }) => {
    const now = Date.now();
    for (const r of batch.records) samples.push(now - r.value.sentAt);
  });
  const perBatch = (RATE * BATCH_EVERY_MS) / 1000;
  const batches = (SECONDS * 1000) / BATCH_EVERY_MS;
  const started = Date.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < batches; i++) {
    const due = started + i * BATCH_EVERY_MS;
    await sleep(due - Date.now());
    const sentAt = Date.now();
    const records = Array.from({ length: perBatch }, (_, j) => ({
      key: `k${(i * perBatch + j) % 1000}`,
      value: { n: i * perBatch + j, sentAt },
    }));
    inflight.push(
      post("/topics/bench-in/records", records).then(() => posts.push(Date.now() - sentAt)),
    );
  }
  await Promise.all(inflight);
  await sleep(500);
  client.close();
  loopDelay.disable();
  const at = quantiles(samples);
  const produce = quantiles(posts);
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    postP50: produce(0.5),
    postP99: produce(0.99),
    clientDelayP99: loopDelay.percentile(99) / 1e6,
    seconds: (Date.now() - started) / 1000,
    received: samples.length,
    dropped: client.dropped,
  };
}

/** The q-quantile (0..1) of the samples. */
function quantiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

interface Burst {
  /** Records/s. */
  rate: number;
  /** Worker CPU seconds spent on it. */
  cpu: number;
  /** CPU seconds of the clients' process meanwhile. */
  clientsCpu?: number;
}

/** Records/s from the first produce of a burst to the sink having written `total` records. */
async function burstThroughput(
  worker: ChildProcess,
  input: string,
  deploymentId: string,
  total: number,
): Promise<Burst> {
  const cpuBefore = cpuSeconds(worker);
  const started = performance.now();
  for (let i = 0; i < BURST; i += 1000) {
    const records = Array.from({ length: 1000 }, (_, j) => ({
      key: `k${(i + j) % 1000}`,
      value: { n: i + j, pad: "x".repeat(100) },
    }));
    await post(`/topics/${input}/records`, records);
  }
  for (;;) {
    const m = (await get(`/deployments/${deploymentId}/metrics`)) as {
      nodes: { nodeId: string; recordsIn: number }[];
    };
    if ((m.nodes.find((n) => n.nodeId === "out")?.recordsIn ?? 0) >= total) break;
    await sleep(5);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rate: BURST / seconds, cpu: cpuSeconds(worker) - cpuBefore };
}

/** 50 clients in a child process; resolves once they are subscribed. */
function startClients(deploymentId: string, count: number, stalled: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/live-clients.ts",
      base,
      deploymentId,
      String(count),
      String(stalled),
    ],
    { cwd: new URL("..", import.meta.url).pathname, stdio: ["ignore", "pipe", "inherit"] },
  );
  children.add(child);
  child.once("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`bench clients exited with ${code}`)));
  });
}

function pct(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function deployPassThrough(from: string, to: string) {
  const document = {
    format: "riffle.topology/v1",
    name: `${from} to ${to}`,
    topics: [
      {
        name: from,
        partitions: 3,
        key: [{ name: "k", type: "STRING" }],
        value: [{ name: "n", type: "INT" }],
      },
    ],
    nodes: [
      { id: "src", kind: "stream-source", config: { topic: from } },
      { id: "out", kind: "sink", config: { topic: to } },
    ],
    edges: [{ id: "e1", from: { node: "src" }, to: { node: "out" } }],
  };
  await post("/topics", { name: from, partitions: 3 });
  const t = (await post("/topologies", { name: document.name, document })) as { id: string };
  const d = (await post("/deployments", { topologyId: t.id })) as { id: string; status: string };
  if (d.status !== "running") throw new Error(`deployment did not start: ${JSON.stringify(d)}`);
  return d.id;
}

function startWorker(): Promise<ChildProcess> {
  // BENCH_PROFILE=<dir>: each worker writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "src/main.ts"], {
    cwd: new URL("..", import.meta.url).pathname,
    env: { ...process.env, PORT: String(port), RIFFLE_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return waitHealthy(child);
}

async function waitHealthy(child: ChildProcess) {
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await sleep(100);
  }
  throw new Error("worker did not become healthy in 3 minutes");
}

async function stopProcess(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function idleRss(child: ChildProcess, ms = 3000) {
  await sleep(ms);
  return rss(child);
}

/** User + system CPU time of the process so far (/proc, clock ticks of 10 ms). */
function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory: total, and the file-backed part (mostly LMDB's map of the log, which the
 *  kernel reclaims under pressure and which grows with the data the run wrote). */
function rss(child: ChildProcess): { total: number; file: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { total: kb("VmRSS"), file: kb("RssFile") };
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function get(path: string) {
  return (await fetch(`${base}${path}`)).json();
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export type { Tally };
