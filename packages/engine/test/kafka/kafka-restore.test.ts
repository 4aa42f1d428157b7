// The changelog restore consumer against librdkafka's mock cluster (or KAFKA_BROKERS): what it
// fetches for successive restores, and two restores of one partition at once.
import { type Admin, type Consumer, Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kafkaClientConfig } from "../../src/log/kafka/kafka-client";
import type { KafkaRecord } from "../../src/log/kafka/kafka-record";
import { ChangelogReader } from "../../src/log/kafka/kafka-restore";
import { FAST_GROUP, produce, startTestCluster, type TestCluster } from "./test-cluster";

const PARTITIONS = 3;
const PER_PARTITION = 40;
const CHUNKS = 8;
const CHUNK = 15;
const joinedValues = Array.from({ length: CHUNKS * CHUNK }, (_, i) => String(i));

let cluster: TestCluster;
let admin: Admin;
const readers: ChangelogReader[] = [];

beforeAll(async () => {
  cluster = await startTestCluster({ "successive-changelog": PARTITIONS, "joined-changelog": 1 });
  admin = new Kafka(kafkaClientConfig(cluster.connection, "restore-test-admin")).admin();
  await admin.connect();
  const successive = cluster.topic("successive-changelog");
  await produce(
    cluster,
    Array.from({ length: PARTITIONS * PER_PARTITION }, (_, i) => ({
      topic: successive,
      partition: i % PARTITIONS,
      key: `k${i}`,
      value: String(i),
    })),
  );
  // Produced in chunks, so the partition holds several record batches, fetched one at a time.
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    await produce(
      cluster,
      joinedValues.slice(chunk * CHUNK, (chunk + 1) * CHUNK).map((value) => ({
        topic: cluster.topic("joined-changelog"),
        partition: 0,
        key: `k${value}`,
        value,
      })),
    );
  }
});

afterAll(async () => {
  await Promise.all(readers.map((reader) => reader.stop()));
  await admin.disconnect();
  await cluster.stop();
});

/** A started reader of `topic` and the partition of every record its consumer was handed. */
async function startReader(topic: string): Promise<{ reader: ChangelogReader; fed: number[] }> {
  const kafka = new Kafka(kafkaClientConfig(cluster.connection, `restore-test-${topic}`));
  const fed: number[] = [];
  const consumer = kafka.consumer.bind(kafka);
  kafka.consumer = (config): Consumer => {
    // Small fetches: one record batch each, so a restore takes several batches.
    const created = consumer({ ...config!, maxBytesPerPartition: 64 });
    created.on(created.events.START_BATCH_PROCESS, ({ payload }) => {
      for (let i = 0; i < payload.batchSize; i++) fed.push(payload.partition);
    });
    return created;
  };
  const reader = new ChangelogReader(kafka, admin, `${topic}-restore`, [topic], {
    ...FAST_GROUP,
    maxWaitTimeInMs: 100,
  });
  readers.push(reader);
  await reader.start();
  return { reader, fed };
}

const values = (records: KafkaRecord[]) => records.map((r) => r.value?.toString());

describe("ChangelogReader", { timeout: 30_000 }, () => {
  it("fetches only the partitions being restored: restoring one, then another, never reads the rest", async () => {
    const topic = cluster.topic("successive-changelog");
    const { reader, fed } = await startReader(topic);
    expect(await reader.restore({ topic, partition: 0 }, () => undefined)).toBe(PER_PARTITION);
    expect(await reader.restore({ topic, partition: 1 }, () => undefined)).toBe(PER_PARTITION);
    // Partition 2 was never restored, and each restored partition was read once.
    expect(fed.filter((partition) => partition === 2).length).toBe(0);
    expect(fed.length).toBe(2 * PER_PARTITION);
  });

  it("a restore of a partition already being restored joins it: both callers get every record once", async () => {
    const topic = cluster.topic("joined-changelog");
    const { reader } = await startReader(topic);
    const first: KafkaRecord[] = [];
    const second: KafkaRecord[] = [];
    const tp = { topic, partition: 0 };
    let joining: Promise<number> | undefined;
    const firstCount = await reader.restore(tp, (records) => {
      first.push(...records);
      // The second caller asks once the first was given part of the partition (8 batches).
      joining ??= reader.restore(tp, (more) => second.push(...more));
    });
    const secondCount = await joining;
    expect([firstCount, secondCount]).toEqual([joinedValues.length, joinedValues.length]);
    expect(values(first)).toEqual(joinedValues);
    expect(values(second)).toEqual(joinedValues);
  });
});
