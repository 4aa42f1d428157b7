// Scale-out of an engine topology on the mock cluster (or KAFKA_BROKERS): a repartition and a
// windowed count from source to sink topics, one instance vs two sharing 6 partitions through
// the consumer group, a handover with stores restored from the changelog, and co-partitioning
// checked against the cluster's real partition counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JoinWindows, StreamsBuilder, TimeWindows } from "../../src/index";
import { buildForKafka, KafkaLog, type KafkaRecord } from "../../src/log/kafka";
import {
  buildOnCluster,
  eventually,
  FAST_GROUP,
  owned,
  processed,
  produce,
  startInstances,
  startTestCluster,
  type TestCluster,
} from "./test-cluster";

const WINDOW_MS = 60_000;
/** Records reach the count task from 6 source partitions out of order; the grace keeps them all. */
const GRACE_MS = 3_600_000;
const PARTITIONS = 6;
const CUSTOMERS = ["ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal", "ida", "jon"];
let cluster: TestCluster;
const running: { stop(): Promise<void> }[] = [];
const json = (data: Buffer | null) => JSON.parse(data!.toString());

beforeAll(async () => {
  const topics: Record<string, number> = { payments: 3 };
  for (const name of [
    "orders",
    "pair-orders",
    "handover-orders",
    "single-out",
    "pair-out",
    "handover-out",
  ]) {
    topics[name] = PARTITIONS;
  }
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
      key: JSON.stringify(`order-${n}`),
      value: JSON.stringify({ customer: CUSTOMERS[(n * 7) % CUSTOMERS.length], amount: n }),
      timestamp: 1_700_000_000_000 + n * 500,
    };
  });
}

/** selectKey(customer) -> repartition -> 1-minute tumbling count -> sink, built for the cluster. */
function windowedCount(source: string, sink: string) {
  const builder = new StreamsBuilder();
  builder
    .stream(cluster.topic(source))
    .selectKey((_key, order: { customer: string }) => order.customer)
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_MS, GRACE_MS))
    .count()
    .toStream()
    .to(cluster.topic(sink));
  return builder;
}

/** Starts `instances` workers of one deployment reading `source` and writing `<id>-out`. */
async function deploy(applicationId: string, instances: number, source: string) {
  const builder = windowedCount(source, `${applicationId}-out`);
  const topology = await buildOnCluster(cluster, builder, applicationId);
  return startInstances(cluster, topology, instances, running);
}

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
    // Windowed keys travel as the inner key plus the window in headers.
    const key = `${json(record.key)}@${record.headers["riffle.window.start"]}`;
    byWindow.set(key, [...(byWindow.get(key) ?? []), json(record.value)]);
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

describe("Kafka scale-out", { timeout: 60_000 }, () => {
  let input: ReturnType<typeof orders>;
  let single: Map<string, number[]>;

  it("runs a repartition and a windowed count from the source topic to the sink topic", async () => {
    input = orders("orders", 0, 120);
    await produce(cluster, input);
    const apps = await deploy("single", 1, "orders");
    // Each order is processed twice: by the selectKey sub-topology, then from the repartition topic.
    await eventually(() => processed(apps) >= 2 * input.length);
    await apps[0].stop();
    single = await readCounts("single-out", input.length);
    // Kafka Streams' windowed count: one update per record, 1..n per key and window.
    expect(sorted(single)).toEqual(expectedCounts(input));
  });

  it("two instances of one deployment split the 6 partitions of each sub-topology and together emit exactly the single instance's output", async () => {
    // Input written once the group settled: no first rebalance repeats records.
    const apps = await deploy("pair", 2, "pair-orders");
    await produce(cluster, orders("pair-orders", 0, input.length));
    const [a, b] = apps.map((app) => owned([app]));
    expect(a.filter((tp) => b.includes(tp))).toEqual([]);
    expect(a.length + b.length).toBe(2 * PARTITIONS);
    await eventually(() => processed(apps) >= 2 * input.length);
    expect(apps.every((app) => app.log.status.processed > 0)).toBe(true);
    expect(sorted(await readCounts("pair-out", input.length))).toEqual(sorted(single));
  });

  it("stopping one instance hands its partitions over with window stores restored from the changelog and no record lost", async () => {
    const first = orders("handover-orders", 0, 60);
    const second = orders("handover-orders", 60, 60);
    const [leaving, staying] = await deploy("handover", 2, "handover-orders");
    await produce(cluster, first);
    await eventually(() => processed([leaving, staying]) >= 2 * first.length);
    await leaving.stop();
    await eventually(() => staying.log.assignment().length === 2 * PARTITIONS);
    await produce(cluster, second);
    await eventually(() => processed([leaving, staying]) >= 2 * (first.length + second.length));
    // Counts continue where the stopped instance left off: 1..n per window, no gap, no repeat.
    expect(sorted(await readCounts("handover-out", 120))).toEqual(
      expectedCounts([...first, ...second]),
    );
  });

  it("refuses a join of source topics that are not co-partitioned on the cluster (Kafka Streams TopologyException), naming both counts", async () => {
    const builder = new StreamsBuilder();
    const [orders, payments] = [cluster.topic("orders"), cluster.topic("payments")];
    const paid = builder.stream(payments);
    builder
      .stream(orders)
      .join(
        paid,
        (order, payment) => ({ order, payment }),
        JoinWindows.ofTimeDifferenceWithNoGrace(60_000),
      )
      .to(cluster.topic("single-out"));
    const log = new KafkaLog({
      connection: cluster.connection,
      applicationId: cluster.topic("join"),
    });
    running.push(log);
    const build = buildForKafka(
      (c) => builder.build(c),
      { applicationId: cluster.topic("join") },
      log,
    );
    await expect(build).rejects.toMatchObject({
      code: "KAFKA_NOT_CO_PARTITIONED",
      message: expect.stringMatching(/^Topics not co-partitioned: \[.*\] \(node KSTREAM-JOIN-/),
      details: { partitions: { [orders]: 6, [payments]: 3 } },
    });
  });
});
