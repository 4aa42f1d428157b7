// The deployment runtime on a log: same results as the test driver, resumption from committed
// offsets and restored stores, dead letters, fail-fast, and at-least-once output visibility.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  jsonSerde,
  type Log,
  MemoryLog,
  StreamsBuilder,
  type Topology,
  TopologyTestDriver,
} from "../../src";
import { DurableLog } from "../../src/log/durable";
import { type Deployment, DLQ_HEADERS, startDeployment } from "../../src/runtime";

const json = jsonSerde();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "riffle-rt-"));
  dirs.push(d);
  return d;
}

/** selectKey + groupByKey().count(): a repartition topic and a changelogged store. */
function countByRegion(): Topology {
  const b = new StreamsBuilder();
  b.stream<string, { region: string }>("orders")
    .selectKey((_k, v) => v.region)
    .groupByKey()
    .count()
    .toStream()
    .to("counts");
  return b.build({ applicationId: "rt", topicPartitions: { orders: 3 } });
}

const ORDERS = Array.from({ length: 300 }, (_, i) => ({
  key: `o${i}`,
  value: { region: ["eu", "us", "ap", "sa"][i % 4] },
  timestamp: 1000 + i,
}));

async function produce(log: Log, records: typeof ORDERS) {
  await log.createTopic("orders", { partitions: 3 });
  await log.append(
    records.map((r) => ({
      topic: "orders",
      timestamp: r.timestamp,
      key: json.serialize(r.key),
      value: json.serialize(r.value),
    })),
  );
}

async function settle(d: Deployment, log: Log, topic: string, expected: number) {
  for (let i = 0; i < 400; i++) {
    let n = 0;
    for (let p = 0; p < ((await log.partitions(topic)) ?? 0); p++)
      n += (await log.read(topic, p, 0, 100_000)).length;
    if (n >= expected && Object.values(d.metrics().lag).every((l) => l === 0)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(
    `${topic} never reached ${expected} records; status ${d.status()} ${d.lastError()?.message ?? ""}`,
  );
}

async function finalCounts(log: Log): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (let p = 0; p < ((await log.partitions("counts")) ?? 0); p++) {
    for (const r of await log.read("counts", p, 0, 100_000))
      out[json.deserialize(r.key) as string] = json.deserialize(r.value);
  }
  return out;
}

/** Runs a test on the in-memory log and on the durable one. */
const BOTH_LOGS: [string, () => Log][] = [
  ["memory", () => new MemoryLog()],
  ["durable", () => new DurableLog({ dir: tempDir() })],
];

describe("deployment runtime", () => {
  it.each(["at_least_once", "exactly_once_v2"] as const)(
    "under %s ends with the counts the test driver computes",
    async (guarantee) => {
      const driver = new TopologyTestDriver(countByRegion());
      for (const r of ORDERS) driver.pipeInput("orders", r.key, r.value, r.timestamp);
      const expected: Record<string, unknown> = {};
      for (const r of driver.readOutput("counts")) expected[r.key as string] = r.value;

      const log = new MemoryLog();
      await produce(log, ORDERS);
      const d = startDeployment({
        topology: countByRegion(),
        log,
        guarantee,
        commitIntervalMs: 10,
      });
      await settle(d, log, "counts", ORDERS.length);
      await d.stop();
      expect(d.status()).toBe("stopped");
      expect(await finalCounts(log)).toEqual(expected);
      expect(expected).toEqual({ eu: 75, us: 75, ap: 75, sa: 75 });
    },
  );

  it("resumes after a restart from committed offsets with its store restored from the changelog", async () => {
    const log = new MemoryLog();
    await produce(log, ORDERS.slice(0, 200));
    const first = startDeployment({ topology: countByRegion(), log, guarantee: "exactly_once_v2" });
    await settle(first, log, "counts", 200);
    await first.stop();
    await produce(log, ORDERS.slice(200));
    const second = startDeployment({
      topology: countByRegion(),
      log,
      guarantee: "exactly_once_v2",
    });
    await settle(second, log, "counts", 300);
    await second.stop();
    expect(await finalCounts(log)).toEqual({ eu: 75, us: 75, ap: 75, sa: 75 });
    const emitted = (
      await Promise.all([0, 1, 2].map((p) => log.read("counts", p, 0, 1000)))
    ).flat();
    expect(emitted).toHaveLength(300); // nothing processed twice
  });

  it.each(BOTH_LOGS)(
    "on the %s log deletes the repartition records it has committed past (Kafka Streams' repartition purge), and resumes after it",
    async (_kind, open) => {
      const log = open();
      const topology = countByRegion();
      const [repartition] = [...topology.internalTopics].find(([, c]) => !c.compacted)!;
      await produce(log, ORDERS.slice(0, 200));
      const options = { topology, log, guarantee: "exactly_once_v2" as const };
      const first = startDeployment({ ...options, repartitionPurgeIntervalMs: 0 });
      await settle(first, log, "counts", 200);
      await first.stop();
      const partitions = (await log.partitions(repartition))!;
      let crossed = 0;
      for (let p = 0; p < partitions; p++) {
        crossed += await log.endOffset(repartition, p);
        expect(await log.read(repartition, p, 0, 1000)).toEqual([]);
      }
      expect(crossed).toBe(200);
      await produce(log, ORDERS.slice(200));
      const second = startDeployment({ ...options, repartitionPurgeIntervalMs: 0 });
      await settle(second, log, "counts", 300);
      await second.stop();
      expect(await finalCounts(log)).toEqual({ eu: 75, us: 75, ap: 75, sa: 75 });
      await log.close();
    },
  );

  it.each(BOTH_LOGS)(
    "on the %s log a restarted task resumes at its committed stream time (Kafka Streams' partition time in the offset metadata)",
    async (_kind, open) => {
      const log = open();
      const b = new StreamsBuilder();
      b.stream("ticks")
        .process((ctx, out) => (key, _value, ts) => out.all(key, ctx.streamTime, ts))
        .to("seen");
      const topology = b.build({ applicationId: "st" });
      const tick = async (timestamp: number) => {
        await log.createTopic("ticks", { partitions: 1 });
        const key = json.serialize(`t${timestamp}`);
        await log.append([{ topic: "ticks", timestamp, key, value: json.serialize(1) }]);
      };
      const options = { topology, log, guarantee: "exactly_once_v2" as const };
      await tick(1000);
      await tick(3000);
      const first = startDeployment(options);
      await settle(first, log, "seen", 2);
      await first.stop();
      await tick(2000); // late: stream time stays at 3000
      const second = startDeployment(options);
      await settle(second, log, "seen", 3);
      await second.stop();
      const seen = (await log.read("seen", 0, 0, 10)).map((r) => json.deserialize(r.value));
      expect(seen).toEqual([1000, 3000, 3000]);
      await log.close();
    },
  );

  it("with a state directory restores from the checkpoint and replays only the changelog tail", async () => {
    const dir = tempDir();
    const log = new DurableLog({ dir: join(dir, "log") });
    await produce(log, ORDERS.slice(0, 200));
    const first = startDeployment({
      topology: countByRegion(),
      log,
      guarantee: "exactly_once_v2",
      stateDir: join(dir, "state"),
    });
    await settle(first, log, "counts", 200);
    await first.stop();
    const reads: string[] = [];
    const spy = new Proxy(log, {
      get(target, prop) {
        if (prop === "read")
          return (t: string, p: number, o: number, m: number) => {
            reads.push(`${t}@${o}`);
            return target.read(t, p, o, m);
          };
        const v = Reflect.get(target, prop);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    await produce(log, ORDERS.slice(200));
    const second = startDeployment({
      topology: countByRegion(),
      log: spy,
      guarantee: "exactly_once_v2",
      stateDir: join(dir, "state"),
    });
    await settle(second, log, "counts", 300);
    await second.stop();
    expect(await finalCounts(log)).toEqual({ eu: 75, us: 75, ap: 75, sa: 75 });
    const changelogReads = reads.filter((r) => r.includes("-changelog@"));
    expect(changelogReads.length).toBeGreaterThan(0);
    expect(changelogReads.filter((r) => r.endsWith("-changelog@0"))).toEqual([]);
    await log.close();
  });

  it("a checkpoint taken after a restore covers the restored changelog tail, not only new writes", async () => {
    const dir = tempDir();
    const log = new DurableLog({ dir: join(dir, "log") });
    const orders = (region: string, from: number) =>
      Array.from({ length: 20 }, (_, i) => ({
        key: `${region}${from + i}`,
        value: { region },
        timestamp: 5000 + from + i,
      }));
    let produced = 0;
    const run = async (records: typeof ORDERS, stateDir?: string) => {
      await produce(log, records);
      produced += records.length;
      const d = startDeployment({
        topology: countByRegion(),
        log,
        guarantee: "exactly_once_v2",
        stateDir,
      });
      await settle(d, log, "counts", produced);
      await d.stop();
    };
    await run(ORDERS.slice(0, 100)); // no state directory: only the changelog holds the counts
    await run(orders("eu", 0), join(dir, "state")); // restores the changelog; only `eu` changes
    await run(orders("us", 0), join(dir, "state")); // restores from that checkpoint
    expect(await finalCounts(log)).toEqual({ eu: 45, us: 45, ap: 25, sa: 25 });
    await log.close();
  });

  it("routes a record that does not decode to <application.id>-dlq with the reason and origin, and goes on", async () => {
    const log = new MemoryLog();
    await produce(log, ORDERS.slice(0, 10));
    await log.append([
      {
        topic: "orders",
        partition: 1,
        timestamp: 5000,
        key: json.serialize("bad"),
        value: new TextEncoder().encode("{not json"),
      },
    ]);
    await produce(log, ORDERS.slice(10, 20));
    const d = startDeployment({ topology: countByRegion(), log, guarantee: "exactly_once_v2" });
    await settle(d, log, "counts", 20);
    await d.stop();
    const [letter] = await log.read("rt-dlq", 0, 0, 10);
    expect(letter.headers?.[DLQ_HEADERS.topic]).toBe("orders");
    expect(letter.headers?.[DLQ_HEADERS.partition]).toBe("1");
    expect(letter.headers?.[DLQ_HEADERS.error]).toMatch(/decode|JSON/i);
    expect(new TextDecoder().decode(letter.value!)).toBe("{not json");
    expect(d.metrics().deadLetters).toBe(1);
  });

  it("fail-fast stops the deployment with status failed naming the record", async () => {
    const log = new MemoryLog();
    await log.createTopic("orders", { partitions: 3 });
    await log.append([
      {
        topic: "orders",
        partition: 2,
        timestamp: 1,
        key: null,
        value: new TextEncoder().encode("{"),
      },
    ]);
    const d = startDeployment({ topology: countByRegion(), log, failFast: true });
    await d.finished;
    expect(d.status()).toBe("failed");
    expect(d.lastError()?.message).toMatch(/^fail-fast: orders-2@0: /);
  });

  it("commits a batch whose output exceeds the engine's argument-spread limit (one record flatMapped to 200k)", async () => {
    const b = new StreamsBuilder();
    b.stream<string, number>("fan")
      .flatMapValues((n) => Array.from({ length: n }, (_, i) => i))
      .to("wide");
    const log = new MemoryLog();
    await log.createTopic("fan", { partitions: 1 });
    await log.append([
      { topic: "fan", timestamp: 1, key: json.serialize("k"), value: json.serialize(200_000) },
    ]);
    const d = startDeployment({
      topology: b.build({ applicationId: "wide" }),
      log,
      guarantee: "exactly_once_v2",
      commitIntervalMs: 10,
    });
    for (let i = 0; i < 1000 && (await log.endOffset("wide", 0)) < 200_000; i++)
      await new Promise((r) => setTimeout(r, 20));
    await d.stop();
    expect(d.status()).toBe("stopped");
    const out = await log.read("wide", 0, 0, 300_000);
    expect(out.length).toBe(200_000);
    expect(json.deserialize(out[199_999].value)).toBe(199_999);
  }, 60_000);

  it("at_least_once makes outputs visible before the offsets are committed", async () => {
    const log = new MemoryLog();
    await produce(log, ORDERS.slice(0, 30));
    const seen: number[] = [];
    const d = startDeployment({
      topology: countByRegion(),
      log,
      guarantee: "at_least_once",
      commitIntervalMs: 60_000,
      onOutput: (records) => seen.push(records.length),
    });
    for (let i = 0; i < 200 && seen.reduce((a, b) => a + b, 0) < 30; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(seen.reduce((a, b) => a + b, 0)).toBe(30);
    expect(await log.committed("rt", "orders", 0)).toBeUndefined();
    await d.stop();
    expect(await log.committed("rt", "orders", 0)).toBeGreaterThan(0);
  });
});
