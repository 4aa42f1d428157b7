// One benchmark case in its own process: `bench-case.ts P1 json engine|hand|both`. Prints one
// JSON line: records/s (best of 3 rounds; with `both`, engine and hand loop alternate in the
// same process so machine load hits both alike), output count, peak RSS. The engine runs its
// tasks the way a deployment does: records processed synchronously, outputs drained every
// 1000 records, changelog records taken at each commit (every 100 ms, exactly-once's default
// commit interval).

import type { LogRecord } from "../src/log/log";
import type { StreamTask } from "../src/processor/stream-task";
import { TaskManager } from "../src/processor/task-manager";
import { pipeline } from "./engine-pipelines";
import { BatchedOutput, type Codec, jsonCodec, objectCodec, p1, p2, p3, p4 } from "./hand-loops";
import { type BenchRecord, encoded, orders, ordersAndPayments } from "./orders-data";

const [name, mode, runner] = process.argv.slice(2);
const COUNT = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const json = mode === "json";

function input(): BenchRecord[] {
  return name === "P4" ? ordersAndPayments(COUNT) : orders(COUNT);
}

/**
 * Takes a task's changelog records the way a log's append reads them: one record at a time,
 * each key and value looked at. Returns the number of records.
 */
function commitChangelog(task: StreamTask): number {
  let records = 0;
  for (const batch of task.drainChangelog()) {
    for (const r of batch) records += r.key!.length > 0 ? 1 : 0;
  }
  return records;
}

/** Count state for 1M distinct keys: records generated on the fly so RSS is the state's. */
function countDistinctKeys(): void {
  const manager = new TaskManager(pipeline("P2", false), {
    wallClock: Date.now,
    onDeadLetter: () => {},
  });
  const task = manager.tasks[0];
  const keys = 1_000_000;
  for (let i = 0; i < keys; i++) {
    const value = { id: `o${i}`, customer: `k${i}`, amount: i % 200, ts: i };
    task.process({
      topic: "orders",
      partition: 0,
      offset: i,
      key: `k${i}`,
      value,
      timestamp: i,
    } as any);
    if (i % 1000 === 999) {
      task.drainOutput();
      if (i % 100_000 === 99_999) commitChangelog(task);
    }
  }
  commitChangelog(task);
  const size = manager.storeSizes();
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const liveHeapMb = Math.round(memory.heapUsed / 2 ** 20);
  // typed-array columns (timestamps, hash index) live outside the V8 heap
  const arrayBuffersMb = Math.round(memory.arrayBuffers / 2 ** 20);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    JSON.stringify({ keys: Object.values(size)[0], liveHeapMb, arrayBuffersMb, peakRssMb }),
  );
}

/**
 * Records shaped as the log hands them out (one object literal, every field present). A spread
 * plus extra fields gives each record its own hidden class, which makes every record-field read
 * in both loops a megamorphic lookup that no real log would cause.
 */
function asLogRecords(records: BenchRecord[]): LogRecord[] {
  const raw = json ? encoded(records) : records;
  return raw.map(
    (r, offset) =>
      ({
        topic: r.topic,
        partition: 0,
        offset,
        timestamp: r.timestamp,
        key: r.key,
        value: r.value,
        headers: undefined,
      }) as unknown as LogRecord,
  );
}

function runEngine(records: LogRecord[]): number {
  const topology = pipeline(name, json);
  const manager = new TaskManager(topology, { wallClock: Date.now, onDeadLetter: () => {} });
  let outputs = 0;
  // a deployment knows each fetched partition's task: one lookup per topic, not per record
  const taskOf = new Map(manager.tasks.flatMap((t) => t.sub.sourceTopics.map((s) => [s, t])));
  let lastCommit = Date.now();
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    taskOf.get(record.topic)!.process(record);
    if (i % 1000 !== 999 && i !== records.length - 1) continue;
    const commit = Date.now() - lastCommit >= 100 || i === records.length - 1;
    if (commit) lastCommit = Date.now();
    for (const t of manager.tasks) {
      outputs += t.drainOutput().length;
      if (commit) commitChangelog(t);
    }
  }
  return outputs;
}

function runHand(records: LogRecord[]): number {
  const codec: Codec = json ? jsonCodec : objectCodec;
  const out = new BatchedOutput();
  const loop = { P1: p1, P2: p2, P3: p3, P4: p4 }[name as "P1"];
  loop(records, codec, out);
  return out.length;
}

function timed(run: (records: LogRecord[]) => number, records: LogRecord[]) {
  const start = process.hrtime.bigint();
  const outputs = run(records);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { recordsPerSec: Math.round(records.length / seconds), outputs };
}

if (name === "COUNT-1M-KEYS") {
  countDistinctKeys();
  process.exit(0);
}
const records = asLogRecords(input());
const rounds = runner === "both" ? 3 : 1;
const best = { engine: { recordsPerSec: 0, outputs: 0 }, hand: { recordsPerSec: 0, outputs: 0 } };
for (let round = 0; round < rounds; round++) {
  for (const which of ["engine", "hand"] as const) {
    if (runner !== "both" && runner !== which) continue;
    const r = timed(which === "engine" ? runEngine : runHand, records);
    if (r.recordsPerSec > best[which].recordsPerSec) best[which] = r;
  }
}
console.log(
  JSON.stringify({ ...best, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
