// KafkaLog against librdkafka's mock cluster (or KAFKA_BROKERS): produce, consume, commit,
// dead letters, co-partitioning, missing topics, unreachable brokers, internal topics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  KafkaLog,
  type KafkaLog as KafkaLogType,
  type KafkaRecord,
  type KafkaStatus,
  type TopicPartition,
} from "../../src/log/kafka";
import { eventually, FAST_GROUP, startTestCluster, type TestCluster } from "./test-cluster";

let cluster: TestCluster;
const started: KafkaLogType[] = [];

beforeAll(async () => {
  cluster = await startTestCluster({
    events: 3,
    orders: 6,
    payments: 3,
    "app-dlq-dead-letter": 1,
    outage: 2,
    "sync-refused": 3,
    "restore-fails": 2,
    "restore-fails-other": 2,
  });
});

afterAll(async () => {
  await Promise.all(started.map((log) => log.stop()));
  await cluster.stop();
});

function newLog(
  applicationId: string,
  extra: Partial<ConstructorParameters<typeof KafkaLog>[0]> = {},
) {
  const log = new KafkaLog({
    connection: cluster.connection,
    applicationId: cluster.topic(applicationId),
    retry: { retries: 2, initialMs: 100, maxMs: 400 },
    ...FAST_GROUP,
    ...extra,
  });
  started.push(log);
  return log;
}

/** A batch handler that only records what it was given. */
function collectInto(seen: KafkaRecord[]) {
  return (records: KafkaRecord[]) => {
    seen.push(...records);
    return { records: [] };
  };
}

describe("KafkaLog", { timeout: 20_000 }, () => {
  it("consumes every partition of a source topic in offset order and commits what it processed", async () => {
    const topic = cluster.topic("events");
    const seeder = newLog("seed");
    await seeder.produce(
      Array.from({ length: 30 }, (_, i) => ({ topic, key: `k${i % 5}`, value: String(i) })),
    );
    const seen: KafkaRecord[] = [];
    const first = newLog("consume-commit");
    await first.start({
      topics: [topic],
      onBatch: collectInto(seen),
    });
    await eventually(() => seen.length === 30);
    await first.stop();
    for (const partition of new Set(seen.map((r) => r.partition))) {
      const offsets = seen.filter((r) => r.partition === partition).map((r) => Number(r.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }

    await seeder.produce([{ topic, key: "k0", value: "after-restart" }]);
    const again: KafkaRecord[] = [];
    const second = newLog("consume-commit");
    await second.start({
      topics: [topic],
      onBatch: collectInto(again),
    });
    await eventually(() => again.length > 0);
    await second.stop();
    // Committed offsets survive the restart: only the new record is delivered again.
    expect(again.map((r) => r.value?.toString())).toEqual(["after-restart"]);
  });
});

describe("KafkaLog bad input", { timeout: 20_000 }, () => {
  it("routes a malformed record to the dead-letter topic with its origin and reason, and keeps going", async () => {
    const topic = cluster.topic("orders");
    const log = newLog("app-dlq");
    await log.produce([
      { topic, key: "a", value: '{"amount":1}', partition: 0 },
      { topic, key: "b", value: "{not json", partition: 0 },
      { topic, key: "c", value: '{"amount":3}', partition: 0 },
    ]);
    const parsed: unknown[] = [];
    await log.start({
      topics: [topic],
      onBatch: (records) => {
        const deadLetters = [];
        for (const record of records) {
          try {
            parsed.push(JSON.parse(record.value!.toString()));
          } catch (error) {
            deadLetters.push({ record, reason: `value is not JSON: ${(error as Error).message}` });
          }
        }
        return { records: [], deadLetters };
      },
    });
    const letters: KafkaRecord[] = [];
    const reader = newLog("dlq-reader");
    await reader.start({
      topics: [cluster.topic("app-dlq-dead-letter")],
      onBatch: collectInto(letters),
    });
    await eventually(() => letters.length === 1 && parsed.length === 2);
    expect(letters[0].value?.toString()).toBe("{not json");
    expect(letters[0].headers).toMatchObject({
      "riffle.dlq.topic": topic,
      "riffle.dlq.partition": "0",
      "riffle.dlq.offset": "1",
    });
    expect(letters[0].headers["riffle.dlq.reason"]).toMatch(/^value is not JSON/);
    expect(log.status).toMatchObject({ state: "running", deadLettered: 1 });
  });

  it("refuses to start a join over topics that are not co-partitioned (Kafka Streams TopologyException), naming both counts", async () => {
    const [orders, payments] = [cluster.topic("orders"), cluster.topic("payments")];
    const log = newLog("copartition");
    const start = log.start({
      topics: [orders, payments],
      coPartitioned: [{ nodeId: "join-1", topics: [orders, payments] }],
      onBatch: () => ({ records: [] }),
    });
    await expect(start).rejects.toMatchObject({
      code: "KAFKA_NOT_CO_PARTITIONED",
      message: `Topics not co-partitioned: [${orders}=6, ${payments}=3] (node join-1)`,
      details: { nodeId: "join-1", partitions: { [orders]: 6, [payments]: 3 } },
    });
    expect(log.status.state).toBe("failed");
  });

  it("retries a missing source topic with backoff, then fails with a status naming it", async () => {
    const statuses: KafkaStatus[] = [];
    const log = newLog("missing", { onStatus: (status) => statuses.push(status) });
    const start = log.start({
      topics: [cluster.topic("no-such-topic")],
      onBatch: () => ({ records: [] }),
    });
    await expect(start).rejects.toMatchObject({ code: "KAFKA_MISSING_TOPIC" });
    const retries = statuses.filter((status) => status.state === "retrying");
    expect(retries.map((status) => [status.attempt, status.retryInMs])).toEqual([
      [1, 100],
      [2, 200],
    ]);
    expect(retries[0].error?.message).toContain(cluster.topic("no-such-topic"));
    expect(log.status.state).toBe("failed");
  });

  it("starts once a missing source topic is created during the retries", async () => {
    const topic = cluster.topic("late-topic");
    const log = newLog("late", { retry: { retries: 10, initialMs: 200, maxMs: 200 } });
    const start = log.start({ topics: [topic], onBatch: () => ({ records: [] }) });
    await eventually(() => log.status.state === "retrying");
    await cluster.createTopic("late-topic", 2);
    await start;
    expect(log.status.state).toBe("running");
  });

  it("reports unreachable brokers as a retrying status, then a clear failure, without throwing elsewhere", async () => {
    const statuses: KafkaStatus[] = [];
    const log = new KafkaLog({
      connection: { brokers: ["127.0.0.1:1"], clientId: "riffle-test", connectionTimeout: 200 },
      applicationId: "unreachable",
      retry: { retries: 1, initialMs: 50, maxMs: 50 },
      onStatus: (status) => statuses.push(status),
    });
    await expect(
      log.start({ topics: ["x"], onBatch: () => ({ records: [] }) }),
    ).rejects.toMatchObject({
      code: "KAFKA_UNREACHABLE",
      kind: "operational",
      message: expect.stringContaining("Cannot reach Kafka at 127.0.0.1:1"),
    });
    expect(statuses.map((status) => status.state)).toEqual(["starting", "retrying", "failed"]);
  });
});

/** Kafka protocol numbers for the mock's fault injection. */
const SYNC_GROUP = 14;
const INVALID_REQUEST = 42;

describe("KafkaLog broker outage", { timeout: 30_000 }, () => {
  it("rejoins its group after the coordinator refuses its SyncGroup with an error kafkajs does not retry, and consumes every record", async () => {
    if (!cluster.mock) {
      await expect(cluster.failNextRequest(SYNC_GROUP, INVALID_REQUEST)).rejects.toThrow(
        "broker faults need the mock cluster",
      );
      return;
    }
    const topic = cluster.topic("sync-refused");
    await newLog("sync-refused-seed").produce(
      Array.from({ length: 10 }, (_, i) => ({ topic, key: `k${i}`, value: String(i) })),
    );
    const statuses: KafkaStatus[] = [];
    const seen: KafkaRecord[] = [];
    const log = newLog("sync-refused", { onStatus: (status) => statuses.push(status) });
    // What the mock answers a follower whose SyncGroup arrives after the leader's.
    await cluster.failNextRequest(SYNC_GROUP, INVALID_REQUEST);
    await log.start({ topics: [topic], onBatch: collectInto(seen) });
    await eventually(() => seen.length === 10);
    expect(statuses.find((status) => status.state === "retrying")?.error?.kind).toBe("operational");
    expect(log.status.state).toBe("running");
  });

  it("a rebalance whose store restore fails holds up no later one: each task (partition p of every source topic, as in Kafka Streams) restores once, before its first batch", async () => {
    const topics = [cluster.topic("restore-fails"), cluster.topic("restore-fails-other")];
    await newLog("restore-fails-seed").produce(
      topics.flatMap((topic) =>
        Array.from({ length: 10 }, (_, i) => ({ topic, key: `k${i}`, value: String(i) })),
      ),
    );
    const seen: KafkaRecord[] = [];
    const restores: TopicPartition[][] = [];
    const key = (tp: TopicPartition) => `${tp.topic}/${tp.partition}`;
    const processedUnrestored: string[] = [];
    let failures = 1;
    const log = newLog("restore-fails");
    await log.start({
      topics,
      onAssigned: (partitions) => {
        if (failures-- > 0) throw new Error("changelog restore failed");
        restores.push(partitions);
      },
      onBatch: (records, tp) => {
        if (!restores.flat().some((restored) => key(restored) === key(tp))) {
          processedUnrestored.push(key(tp));
        }
        return collectInto(seen)(records);
      },
    });
    await eventually(() => seen.length === 20);
    expect(processedUnrestored).toEqual([]);
    const tasks = restores.flatMap((partitions) => [
      ...new Set(partitions.map((tp) => tp.partition)),
    ]);
    expect(tasks.sort()).toEqual([0, 1]);
    const restored = restores.flat().map(key);
    expect(restored.sort()).toEqual(topics.flatMap((topic) => [`${topic}/0`, `${topic}/1`]).sort());
    expect(log.status.state).toBe("running");
  });

  it("reports a broker that disappears mid-run as retrying, resumes when it returns, and loses no committed record", async () => {
    if (!cluster.mock) {
      // Fault injection needs the mock's broker controls; a real cluster cannot be stopped from here.
      await expect(cluster.brokersDown()).rejects.toThrow("broker faults need the mock cluster");
      return;
    }
    const topic = cluster.topic("outage");
    const values = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        topic,
        key: `k${from + i}`,
        value: String(from + i),
      }));
    const statuses: KafkaStatus[] = [];
    const seen: KafkaRecord[] = [];
    const log = newLog("outage", {
      retry: { retries: 50, initialMs: 200, maxMs: 1000 },
      onStatus: (status) => statuses.push(status),
    });
    await log.start({ topics: [topic], onBatch: collectInto(seen) });
    const seeder = newLog("outage-seed");
    await seeder.produce(values(0, 10));
    await eventually(() => seen.length === 10);

    await cluster.brokersDown();
    await eventually(() => statuses.some((status) => status.state === "retrying"));
    expect(statuses.find((status) => status.state === "retrying")?.error?.kind).toBe("operational");
    // Its crashed consumer left the group, so the partitions are no longer this instance's until
    // it joins again (Kafka Streams' onPartitionsLost): no other member's tasks are shadowed.
    await eventually(() => log.assignment().length === 0);
    await cluster.brokersUp();
    await seeder.produce(values(10, 20));
    await eventually(() => new Set(seen.map((r) => r.value?.toString())).size === 20);
    expect(log.status.state).toBe("running");
    await log.stop();

    // Whatever was committed stays committed: the group's next member only gets the new record.
    const again: KafkaRecord[] = [];
    const next = newLog("outage");
    await next.start({ topics: [topic], onBatch: collectInto(again) });
    await seeder.produce(values(20, 21));
    await eventually(() => again.some((r) => r.value?.toString() === "20"));
    expect(again.map((r) => r.value?.toString())).toEqual(["20"]);
  });
});

describe("KafkaLog internal topics and guarantees", { timeout: 20_000 }, () => {
  it("checks internal topics' partition counts; creates missing ones only where the cluster has topic admin", async () => {
    const log = newLog("internal");
    await cluster.createTopic("internal-counts-changelog", 6);
    const changelog = {
      name: cluster.topic("internal-counts-changelog"),
      kind: "changelog" as const,
    };
    await expect(
      log.ensureInternalTopics([{ ...changelog, partitions: 6 }]),
    ).resolves.toBeUndefined();
    await expect(log.ensureInternalTopics([{ ...changelog, partitions: 3 }])).rejects.toMatchObject(
      {
        code: "KAFKA_INTERNAL_TOPIC",
        message: expect.stringContaining("has 6 partitions, the topology needs 3"),
      },
    );
    const missing = {
      name: cluster.topic("internal-by-customer-repartition"),
      partitions: 4,
      kind: "repartition" as const,
    };
    if (cluster.mock) {
      // The mock cannot create topics through the admin API: the log says what to pre-create.
      await expect(log.ensureInternalTopics([missing])).rejects.toMatchObject({
        code: "KAFKA_UNSUPPORTED",
        message: expect.stringContaining(`${missing.name} (4 partitions)`),
      });
    } else {
      await log.ensureInternalTopics([missing]);
      expect((await log.partitionCounts([missing.name])).get(missing.name)).toBe(4);
      expect(await log.deleteInternalTopics()).toContain(missing.name);
    }
  });

  it("exactly_once_v2 commits outputs and offsets in one transaction (refused on the mock, which serves no transactional producer)", async () => {
    const topic = cluster.topic("events");
    const log = newLog("eos", { guarantee: "exactly_once_v2" });
    const start = log.start({
      topics: [topic],
      onBatch: (records) => ({
        records: records.map((r) => ({ ...r, topic: cluster.topic("payments") })),
      }),
    });
    if (cluster.mock) {
      await expect(start).rejects.toMatchObject({
        code: "KAFKA_UNSUPPORTED",
        message: expect.stringContaining("exactly_once_v2 needs transactional producers"),
      });
    } else {
      await start;
      await eventually(() => log.status.processed > 0);
      expect(log.status.state).toBe("running");
    }
  });
});
