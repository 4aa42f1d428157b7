// Scale-out on the mock cluster (or KAFKA_BROKERS): a repartition + windowed count application
// from source to sink topics, one instance vs two sharing 6 partitions through the consumer
// group, and a handover where the stopped instance's stores are restored from the changelog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaLog, type KafkaRecord } from "../../src/log/kafka";
import { eventually, FAST_GROUP, startTestCluster, type TestCluster } from "./test-cluster";
import {
  internalTopics,
  WINDOW_MS,
  WindowedCountApp,
  windowedCountTopics,
} from "./windowed-count-app";

const PARTITIONS = 6;
const CUSTOMERS = ["ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal", "ida", "jon"];
let cluster: TestCluster;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  const topics = Object.fromEntries(
    ["orders", "handover-orders", "single-out", "pair-out", "handover-out"].map((t) => [
      t,
      PARTITIONS,
    ]),
  );
  cluster = await startTestCluster(topics, 3);
});

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await cluster.stop();
});

/** Orders 0.5 s apart for ten customers over two 1-minute windows, keyed by order id. */
function orders(source: string, from: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      topic: cluster.topic(source),
      key: `order-${n}`,
      value: JSON.stringify({ customer: CUSTOMERS[(n * 7) % CUSTOMERS.length], amount: n }),
      timestamp: 1_700_000_000_000 + n * 500,
    };
  });
}

async function produce(records: ReturnType<typeof orders>): Promise<void> {
  const producer = new KafkaLog({ connection: cluster.connection, applicationId: "seed" });
  await producer.produce(records);
  await producer.stop();
}

/** Starts `instances` workers of one deployment reading `source` and writing `<id>-out`. */
async function deploy(applicationId: string, instances: number, source: string) {
  const appId = cluster.topic(applicationId);
  const topics = windowedCountTopics(
    appId,
    cluster.topic(source),
    cluster.topic(`${applicationId}-out`),
  );
  const specs = internalTopics(topics, PARTITIONS);
  // The mock refuses admin CreateTopics, so internal topics are pre-created there; on a real
  // cluster ensureInternalTopics creates them (changelog compacted).
  if (cluster.mock) {
    for (const spec of specs) await cluster.createTopic(spec.name, spec.partitions);
  }
  const apps = Array.from(
    { length: instances },
    (_, i) =>
      new WindowedCountApp(
        {
          connection: cluster.connection,
          applicationId: appId,
          instanceId: `i${i}`,
          ...FAST_GROUP,
        },
        topics,
      ),
  );
  running.push(...apps);
  await apps[0].log.ensureInternalTopics(specs);
  await Promise.all(apps.map((app) => app.start()));
  await eventually(
    () =>
      owned(apps).length === 2 * PARTITIONS && apps.every((app) => app.log.assignment().length > 0),
  );
  return apps;
}

const owned = (apps: WindowedCountApp[]) =>
  apps.flatMap((app) => app.log.assignment().map((tp) => `${tp.topic}/${tp.partition}`));

const processed = (apps: WindowedCountApp[]) =>
  apps.reduce((sum, app) => sum + app.log.status.processed, 0);

/** A sink topic's count updates per (customer, window), in the order they were emitted. */
async function readCounts(sink: string, expected: number): Promise<Map<string, number[]>> {
  const seen: KafkaRecord[] = [];
  const reader = new KafkaLog({
    connection: cluster.connection,
    applicationId: cluster.topic(`${sink}-reader`),
    ...FAST_GROUP,
  });
  await reader.start({
    topics: [cluster.topic(sink)],
    onBatch: (records) => {
      seen.push(...records);
      return { records: [] };
    },
  });
  await eventually(() => seen.length >= expected);
  await reader.stop();
  const byWindow = new Map<string, number[]>();
  for (const record of seen) {
    const key = record.key!.toString();
    byWindow.set(key, [...(byWindow.get(key) ?? []), JSON.parse(record.value!.toString()).count]);
  }
  return byWindow;
}

/** What a correct windowed count emits: 1..n per (customer, window), in order. */
function expectedCounts(records: ReturnType<typeof orders>): [string, number[]][] {
  const totals = new Map<string, number>();
  for (const record of records) {
    const { customer } = JSON.parse(record.value);
    const key = `${customer}@${record.timestamp - (record.timestamp % WINDOW_MS)}`;
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  return sorted(
    new Map([...totals].map(([key, n]) => [key, Array.from({ length: n }, (_, i) => i + 1)])),
  );
}

const sorted = (map: Map<string, number[]>) => [...map].sort(([a], [b]) => a.localeCompare(b));

describe("Kafka scale-out", { timeout: 40_000 }, () => {
  let input: ReturnType<typeof orders>;
  let single: Map<string, number[]>;

  it("runs a repartition and a windowed count from the source topic to the sink topic", async () => {
    input = orders("orders", 0, 120);
    await produce(input);
    const apps = await deploy("single", 1, "orders");
    // Each order is processed twice: by the selectKey sub-topology, then from the repartition topic.
    await eventually(() => processed(apps) === 2 * input.length);
    await apps[0].stop();
    single = await readCounts("single-out", input.length);
    // Kafka Streams' windowed count: one update per record, 1..n per key and window.
    expect(sorted(single)).toEqual(expectedCounts(input));
  });

  it("two instances of one deployment split the 6 partitions of each sub-topology and together emit exactly the single instance's output", async () => {
    const apps = await deploy("pair", 2, "orders");
    const [a, b] = apps.map((app) => owned([app]));
    expect(a.filter((tp) => b.includes(tp))).toEqual([]);
    expect(a.length + b.length).toBe(2 * PARTITIONS);
    await eventually(() => processed(apps) === 2 * input.length);
    expect(apps.every((app) => app.log.status.processed > 0)).toBe(true);
    expect(sorted(await readCounts("pair-out", input.length))).toEqual(sorted(single));
  });

  it("stopping one instance hands its partitions over with window stores restored from the changelog and no record lost", async () => {
    const first = orders("handover-orders", 0, 60);
    const second = orders("handover-orders", 60, 60);
    const [leaving, staying] = await deploy("handover", 2, "handover-orders");
    await produce(first);
    await eventually(() => processed([leaving, staying]) === 2 * first.length);
    const moved = owned([leaving]).filter((tp) => tp.includes("repartition"));
    await leaving.stop();
    await eventually(() => staying.log.assignment().length === 2 * PARTITIONS);
    await produce(second);
    await eventually(() => processed([leaving, staying]) === 2 * (first.length + second.length));
    // The moved window stores were rebuilt from their changelog partitions before processing.
    const restored = moved.map((tp) => staying.restored.get(Number(tp.split("/")[1])) ?? 0);
    expect(restored.some((count) => count > 0)).toBe(true);
    // Counts continue where the stopped instance left off: 1..n per window, no gap, no repeat.
    expect(sorted(await readCounts("handover-out", 120))).toEqual(
      expectedCounts([...first, ...second]),
    );
  });
});
