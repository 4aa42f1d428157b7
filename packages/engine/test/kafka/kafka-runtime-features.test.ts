// KafkaRuntime features beyond the plain consume-process-produce loop, on the mock cluster (or
// KAFKA_BROKERS): stream time carried across a handover in the commit metadata, GlobalKTables
// fed from every partition on every instance, and wall-clock punctuation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamsBuilder } from "../../src/index";
import { KafkaLog, type KafkaRuntime } from "../../src/log/kafka";
import {
  buildOnCluster,
  eventually,
  processed,
  readTopic,
  startInstances,
  startTestCluster,
  type TestCluster,
} from "./test-cluster";

let cluster: TestCluster;
const running: { stop(): Promise<void> }[] = [];
const json = (data: Buffer | null) => JSON.parse(data!.toString());
const T0 = 1_700_000_000_000;

beforeAll(async () => {
  cluster = await startTestCluster({
    "time-in": 2,
    "time-out": 1,
    products: 3,
    "product-orders": 2,
    enriched: 2,
    "tick-in": 1,
    "tick-out": 1,
  });
});

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await cluster.stop();
});

async function produce(
  records: { topic: string; key: unknown; value: unknown; timestamp: number; partition?: number }[],
) {
  const producer = new KafkaLog({ connection: cluster.connection, applicationId: "seed" });
  await producer.produce(
    records.map((r) => ({
      ...r,
      topic: cluster.topic(r.topic),
      key: JSON.stringify(r.key),
      value: JSON.stringify(r.value),
    })),
  );
  await producer.stop();
}

/** Builds for the cluster, pre-creates internal topics on the mock, starts `instances` runtimes. */
async function deploy(name: string, define: (builder: StreamsBuilder) => void, instances = 1) {
  const builder = new StreamsBuilder();
  define(builder);
  const topology = await buildOnCluster(cluster, builder, name);
  const apps = await startInstances(cluster, topology, instances, running, {
    wallClockTickMs: 50,
  });
  return { topology, apps };
}

describe("KafkaRuntime features", { timeout: 120_000 }, () => {
  it("a moved task keeps its stream time: Kafka Streams' partition time travels in the committed offset's metadata", async () => {
    // Emits the task's stream time as each record sees it (a late record does not lower it).
    const { apps } = await deploy(
      "time",
      (builder) =>
        builder
          .stream(cluster.topic("time-in"))
          .process(
            (ctx, out) => (key, value, ts) =>
              out.all(key, { value, streamTime: ctx.streamTime }, ts),
          )
          .to(cluster.topic("time-out")),
      2,
    );
    const early = [0, 1].flatMap((partition) => [
      { topic: "time-in", key: `p${partition}`, value: "early", timestamp: T0, partition },
      {
        topic: "time-in",
        key: `p${partition}`,
        value: "latest",
        timestamp: T0 + 120_000,
        partition,
      },
    ]);
    await produce(early);
    await eventually(() => processed(apps) >= early.length);
    const [leaving, staying] = apps;
    await leaving.stop();
    await eventually(() => staying.log.assignment().length === 2);
    const late = [0, 1].map((partition) => ({
      topic: "time-in",
      key: `p${partition}`,
      value: "late",
      timestamp: T0 + 1_000,
      partition,
    }));
    await produce(late);
    const out = await readTopic(cluster, "time-out", early.length + late.length);
    const lateSeen = out.map((r) => json(r.value)).filter((v) => v.value === "late");
    // Both partitions, the moved one included, still stand at the stream time reached before.
    expect(lateSeen.map((v) => v.streamTime)).toEqual([T0 + 120_000, T0 + 120_000]);
  });

  it("a GlobalKTable is fed from every partition of its topic on every instance, bootstrapped from the topic itself (no changelog), and stream-GlobalKTable joins need no co-partitioning", async () => {
    const products = ["apple", "bread", "cheese", "dates", "eggs", "figs"].map((name, i) => ({
      topic: "products",
      key: `sku-${i}`,
      value: { name },
      timestamp: T0,
    }));
    await produce(products);
    const { topology, apps } = await deploy(
      "global",
      (builder) => {
        const catalogue = builder.globalTable(cluster.topic("products"));
        builder
          .stream(cluster.topic("product-orders"))
          .join(
            catalogue,
            (_key, order: { sku: string }) => order.sku,
            (order: { sku: string }, product: { name: string }) => ({
              ...order,
              name: product.name,
            }),
          )
          .to(cluster.topic("enriched"));
      },
      2,
    );
    expect([...topology.internalTopics.keys()]).toEqual([]);
    const orders = products.map((_, i) => ({
      topic: "product-orders",
      key: `order-${i}`,
      value: { sku: `sku-${i}` },
      timestamp: T0 + i,
    }));
    await produce(orders);
    await eventually(() => processed(apps) >= orders.length);
    // A product added while running reaches every instance's store.
    await produce([{ topic: "products", key: "sku-9", value: { name: "grapes" }, timestamp: T0 }]);
    const catalogueSize = (app: KafkaRuntime) =>
      Object.values(app.metrics().storeSizes ?? {}).reduce((sum, n) => sum + n, 0);
    await eventually(() => apps.every((app) => catalogueSize(app) === products.length + 1));
    await produce(
      [0, 1].map((partition) => ({
        topic: "product-orders",
        key: `order-new-${partition}`,
        value: { sku: "sku-9" },
        timestamp: T0 + 10,
        partition,
      })),
    );
    const out = await readTopic(cluster, "enriched", orders.length + 2);
    const names = Object.fromEntries(out.map((r) => [json(r.key), json(r.value).name]));
    expect(names).toEqual({
      "order-0": "apple",
      "order-1": "bread",
      "order-2": "cheese",
      "order-3": "dates",
      "order-4": "eggs",
      "order-5": "figs",
      "order-new-0": "grapes",
      "order-new-1": "grapes",
    });
  });

  it("wall-clock punctuation fires on Kafka without new records (Kafka Streams' PunctuationType.WALL_CLOCK_TIME)", async () => {
    const { apps } = await deploy("tick", (builder) =>
      builder
        .stream(cluster.topic("tick-in"))
        .process((ctx, out) => {
          let seen = 0;
          ctx.schedule(200, "wall-clock", (time) => out.all("tick", seen, time));
          return () => {
            seen += 1;
          };
        })
        .to(cluster.topic("tick-out")),
    );
    await produce([{ topic: "tick-in", key: "a", value: 1, timestamp: T0 }]);
    await eventually(() => processed(apps) >= 1);
    // Ticks keep coming with no further input, each seeing the one record processed.
    const afterRecord = (records: { value: Buffer | null }[]) =>
      records.filter((r) => json(r.value) === 1).length;
    const ticks = await readTopic(cluster, "tick-out", (records) => afterRecord(records) >= 2);
    expect(ticks.every((r) => json(r.key) === "tick")).toBe(true);
    expect(ticks.map((r) => json(r.value)).filter((seen) => seen !== 0 && seen !== 1)).toEqual([]);
  });
});
