// Kafka path throughput: P1 (filter + mapValues) and P2 (count by key) run through KafkaRuntime
// next to a hand-written kafkajs consume-and-produce loop, over the same mock cluster and input
// in the same run, alternating, best of BENCH_REPEATS (the machine is shared, single runs are
// noisy). Run: npx tsx packages/engine/bench/kafka.bench.ts (BENCH_RECORDS, BENCH_REPEATS).
import { type MockCluster, startMockCluster } from "../../../tools/kafka-mock";
import {
  Consumed,
  jsonSerde,
  Produced,
  type Serde,
  StreamsBuilder,
  stringSerde,
  type Topology,
} from "../src/index";
import { buildForKafka, KafkaLog, KafkaRuntime, startRawLoop } from "../src/log/kafka";
import { type Order, orders } from "./orders-data";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 60_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PARTITIONS = 6;
const TARGET = 0.8;
const GROUP = { sessionTimeout: 6000, heartbeatInterval: 1000 };

interface Pipeline {
  name: string;
  /** The engine topology reading `bench-in` and writing `sink`. */
  define(builder: StreamsBuilder, sink: string): void;
  /** The same logic by hand for the raw loop; state lives across calls. */
  raw(): (key: Buffer | null, value: Buffer | null) => string[];
}

/** The serdes of the engine bench's JSON pipelines: string keys, JSON values. */
const consumed = () => Consumed.with(stringSerde() as Serde, jsonSerde());
const produced = () => Produced.with(stringSerde() as Serde, jsonSerde());

/** P1 and P2 as in engine-pipelines.ts, reading `bench-in`. */
const PIPELINES: Pipeline[] = [
  {
    name: "P1 filter+mapValues",
    define: (builder, sink) =>
      builder
        .stream<string, Order>("bench-in", consumed())
        .filter((_key, order) => order.amount > 100)
        .mapValues((order) => ({ id: order.id, total: order.amount * 1.2 }))
        .to(sink, produced()),
    raw: () => (_key, value) => {
      const order = JSON.parse(value!.toString()) as Order;
      if (order.amount <= 100) return [];
      return [JSON.stringify({ id: order.id, total: order.amount * 1.2 })];
    },
  },
  {
    name: "P2 count by key",
    define: (builder, sink) =>
      builder
        .stream<string, Order>("bench-in", consumed())
        .groupByKey()
        .count()
        .toStream()
        .to(sink, produced()),
    raw: () => {
      const counts = new Map<string, number>();
      return (key) => {
        const customer = key!.toString();
        const count = (counts.get(customer) ?? 0) + 1;
        counts.set(customer, count);
        return [String(count)];
      };
    },
  },
];

/** The engine bench's generated orders (orders-data.ts), written once to `bench-in`. */
async function seed(cluster: MockCluster): Promise<void> {
  const log = new KafkaLog({ connection: connectionOf(cluster), applicationId: "bench-seed" });
  const input = orders(RECORDS);
  for (let from = 0; from < input.length; from += 5000) {
    const chunk = input.slice(from, from + 5000).map((record) => ({
      topic: "bench-in",
      key: record.key,
      value: JSON.stringify(record.value),
      timestamp: record.timestamp,
    }));
    await log.produce(chunk);
  }
  await log.stop();
}

const connectionOf = (cluster: MockCluster) => ({
  brokers: cluster.bootstrap.split(","),
  clientId: "riffle-bench",
});

/**
 * Records/s from the first acknowledged batch to the last record (group joins excluded);
 * `settle` runs inside the timing once every output was acknowledged.
 */
async function throughput(processed: () => number, settle?: () => Promise<void>): Promise<number> {
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 5));
  while (processed() === 0) await sleep();
  const [start, already] = [performance.now(), processed()];
  while (processed() < RECORDS) await sleep();
  await settle?.();
  return ((RECORDS - already) / (performance.now() - start)) * 1000;
}

async function runRaw(cluster: MockCluster, pipeline: Pipeline, sink: string, run: number) {
  const loop = await startRawLoop({
    connection: connectionOf(cluster),
    groupId: `${sink}-group-${run}`,
    source: "bench-in",
    sink,
    transform: pipeline.raw(),
    ...GROUP,
  });
  const rate = await throughput(loop.processed);
  await loop.stop();
  return rate;
}

async function runRiffle(cluster: MockCluster, pipeline: Pipeline, sink: string, run: number) {
  const connection = connectionOf(cluster);
  const builder = new StreamsBuilder();
  pipeline.define(builder, sink);
  const applicationId = `${sink}-app-${run}`;
  const probe = new KafkaLog({ connection, applicationId });
  const topology: Topology = await buildForKafka((c) => builder.build(c), { applicationId }, probe);
  await probe.stop();
  // The mock cannot create topics through the admin API: pre-create the changelogs.
  for (const [name, { partitions }] of topology.internalTopics) {
    await cluster.createTopic(name, partitions);
  }
  const runtime = new KafkaRuntime(topology, { connection, ...GROUP });
  await runtime.start();
  // Timed until the last commit is done: its changelog records are Riffle's work too.
  const rate = await throughput(
    () => runtime.status.processed,
    () => runtime.log.commit(),
  );
  await runtime.stop();
  return rate;
}

const topics: Record<string, number> = { "bench-in": PARTITIONS };
PIPELINES.forEach((_, i) => {
  topics[`p${i + 1}-raw-out`] = PARTITIONS;
  topics[`p${i + 1}-riffle-out`] = PARTITIONS;
});
const cluster = await startMockCluster({ brokers: 1, topics });
try {
  await seed(cluster);
  console.log(
    `Kafka path, ${RECORDS} JSON records over ${PARTITIONS} partitions, librdkafka mock cluster, best of ${REPEATS}`,
  );
  console.log("pipeline              raw kafkajs rec/s   riffle rec/s   ratio   target");
  for (const [i, pipeline] of PIPELINES.entries()) {
    let [raw, riffle] = [0, 0];
    for (let run = 0; run < REPEATS; run++) {
      raw = Math.max(raw, await runRaw(cluster, pipeline, `p${i + 1}-raw-out`, run));
      riffle = Math.max(riffle, await runRiffle(cluster, pipeline, `p${i + 1}-riffle-out`, run));
    }
    const ratio = riffle / raw;
    const verdict = ratio >= TARGET ? "ok" : "BELOW";
    console.log(
      `${pipeline.name.padEnd(22)}${raw.toFixed(0).padStart(17)}${riffle.toFixed(0).padStart(15)}${ratio.toFixed(2).padStart(8)}   >= ${TARGET} ${verdict}`,
    );
  }
  console.log(
    "P2 on Riffle also writes its store's changelog (one record per key per commit interval, timed to the last commit); the raw loop keeps counts in memory only.",
  );
} finally {
  await cluster.stop();
}
