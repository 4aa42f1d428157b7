// `tsx bench/durable.bench.ts`: P1-P4 through the deployment runtime on the durable log under
// exactly_once_v2, next to the same runtime on the in-memory log in the same run (target:
// >= 0.5x), then with persistent stores too (the worker's setup), and the restore time of a
// 1M-key store from its changelog alone and from a checkpoint. The input is written to each
// log before the clock starts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ChangelogEntry,
  DurableLog,
  InMemoryKeyValueStore,
  inMemoryKeyValueStore,
  type Log,
  MemoryLog,
  StateDirectory,
  startDeployment,
} from "../src/index";
import { ChangelogWriter } from "../src/processor/changelog-codec";
import { pipeline } from "./engine-pipelines";
import { encoded, orders, ordersAndPayments } from "./orders-data";

const COUNT = Number(process.env.BENCH_DURABLE_RECORDS ?? 300_000);
const STORE_KEYS = Number(process.env.BENCH_RESTORE_KEYS ?? 1_000_000);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "riffle-bench-"));
  dirs.push(d);
  return d;
};

async function fill(log: Log, name: string): Promise<number> {
  const records = encoded(name === "P4" ? ordersAndPayments(COUNT) : orders(COUNT));
  for (const topic of ["orders", "payments"]) await log.createTopic(topic, { partitions: 1 });
  for (let i = 0; i < records.length; i += 50_000) {
    await log.append(records.slice(i, i + 50_000).map((r) => ({ ...r, partition: 0 })));
  }
  return records.length;
}

/** Records/s from start until every input offset is committed. */
async function run(name: string, log: Log, stateDir?: string): Promise<number> {
  const total = await fill(log, name);
  const topology = pipeline(name, true);
  const start = process.hrtime.bigint();
  const d = startDeployment({
    topology,
    log,
    guarantee: "exactly_once_v2",
    maxPollRecords: 5000,
    stateDir,
  });
  const inputs = name === "P4" ? ["orders", "payments"] : ["orders"];
  for (;;) {
    let committed = 0;
    for (const t of inputs) committed += (await log.committed(topology.applicationId, t, 0)) ?? 0;
    if (committed >= total || d.status() === "failed") break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await d.stop();
  if (d.status() !== "stopped") throw new Error(`${name}: ${d.lastError()?.message}`);
  return total / seconds;
}

async function restoreBench(): Promise<{ changelogMs: number; checkpointMs: number }> {
  const entries: ChangelogEntry[] = Array.from({ length: STORE_KEYS }, (_, i) => ({
    key: `k${i}`,
    value: i,
    timestamp: i,
  }));
  const log = new DurableLog({ dir: tempDir() });
  const writer = new ChangelogWriter("app-store-changelog", 0);
  for (let i = 0; i < entries.length; i += 100_000) {
    for (const e of entries.slice(i, i + 100_000)) writer.log(e.key, e.value, e.timestamp);
    await log.append([...writer.drain()]);
  }
  const directory = new StateDirectory(tempDir());
  const checkpoint = directory.store(inMemoryKeyValueStore("store"), 0);
  checkpoint.stage(entries);
  checkpoint.flush(STORE_KEYS);

  let start = performance.now();
  const fromChangelog = new InMemoryKeyValueStore("store");
  for (let offset = 0; ; ) {
    const batch = await log.read("app-store-changelog", 0, offset, 50_000);
    if (batch.length === 0) break;
    fromChangelog.restore(
      batch.map((r) => ({
        key: JSON.parse(Buffer.from(r.key!).toString()),
        value: JSON.parse(Buffer.from(r.value!).toString()),
        timestamp: r.timestamp,
      })),
    );
    offset = batch[batch.length - 1].offset + 1;
  }
  const changelogMs = performance.now() - start;
  start = performance.now();
  const fromCheckpoint = new InMemoryKeyValueStore("store");
  checkpoint.load(fromCheckpoint);
  const checkpointMs = performance.now() - start;
  if (fromChangelog.size() !== STORE_KEYS || fromCheckpoint.size() !== STORE_KEYS)
    throw new Error("restore lost keys");
  await log.close();
  await directory.close();
  return { changelogMs, checkpointMs };
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`);
console.log(
  `durable log bench: ${COUNT.toLocaleString("en")} JSON records a case, exactly_once_v2, deployment runtime`,
);
console.log(
  "case  in-memory rec/s  durable rec/s  ratio  target      durable + stores on disk  ratio",
);
for (const name of ["P1", "P2", "P3", "P4"]) {
  const memory = await run(name, new MemoryLog());
  const durable = await run(name, new DurableLog({ dir: tempDir() }));
  const stored = await run(name, new DurableLog({ dir: tempDir() }), tempDir());
  const ratio = durable / memory;
  console.log(
    `${name}    ${fmt(memory).padStart(14)}  ${fmt(durable).padStart(13)}  ${ratio.toFixed(2).padStart(5)}  >=0.5x ${ratio >= 0.5 ? "ok  " : "MISS"}  ${fmt(stored).padStart(24)}  ${(stored / memory).toFixed(2).padStart(5)}`,
  );
}
const restore = await restoreBench();
console.log(
  `restore of a ${STORE_KEYS.toLocaleString("en")}-key store: from the changelog ${Math.round(restore.changelogMs)} ms, from a checkpoint ${Math.round(restore.checkpointMs)} ms`,
);
for (const d of dirs) rmSync(d, { recursive: true, force: true });
