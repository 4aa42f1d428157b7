// One Kafka for the Kafka suite: librdkafka's mock cluster by default, or the real cluster in
// KAFKA_BROKERS (topic names then get a per-run prefix so runs never share data).
import { type MockCluster, startMockCluster } from "../../../../tools/kafka-mock";
import type { StreamsBuilder, Topology } from "../../src/index";
import {
  buildForKafka,
  type KafkaConnection,
  KafkaLog,
  type KafkaRecord,
  KafkaRuntime,
  type KafkaRuntimeOptions,
  kafkaConnectionFromEnv,
  type OutgoingRecord,
} from "../../src/log/kafka";

export interface TestCluster {
  connection: KafkaConnection;
  /** True on librdkafka's mock: no topic admin, no idempotent/transactional producers. */
  mock: boolean;
  /** The cluster's name for a test topic. */
  topic(name: string): string;
  createTopic(name: string, partitions: number): Promise<void>;
  /** Drops every broker until `brokersUp` (mock only). */
  brokersDown(): Promise<void>;
  brokersUp(): Promise<void>;
  /** Answers the next request of protocol `apiKey` with Kafka error `errorCode` (mock only). */
  failNextRequest(apiKey: number, errorCode: number): Promise<void>;
  stop(): Promise<void>;
}

/** Group timeouts that make a rebalance take ~2 s instead of ~30 s. */
export const FAST_GROUP = { sessionTimeout: 3000, heartbeatInterval: 500 };

function fromMock(mock: MockCluster): TestCluster {
  return {
    connection: { brokers: mock.bootstrap.split(","), clientId: "riffle-test" },
    mock: true,
    topic: (name) => name,
    createTopic: (name, partitions) => mock.createTopic(name, partitions),
    brokersDown: () => mock.brokerDown(-1),
    brokersUp: () => mock.brokerUp(-1),
    failNextRequest: (apiKey, errorCode) => mock.failNextRequest(apiKey, errorCode),
    stop: () => mock.stop(),
  };
}

async function fromRealCluster(connection: KafkaConnection): Promise<TestCluster> {
  const prefix = `riffle-test-${Date.now().toString(36)}-`;
  const admin = new KafkaLog({ connection, applicationId: `${prefix}admin` });
  const unsupported = () => Promise.reject(new Error("broker faults need the mock cluster"));
  return {
    connection,
    mock: false,
    topic: (name) => `${prefix}${name}`,
    createTopic: async (name, partitions) => {
      await admin.createTopics([{ name: `${prefix}${name}`, partitions }]);
    },
    brokersDown: unsupported,
    brokersUp: unsupported,
    failNextRequest: unsupported,
    stop: () => admin.stop(),
  };
}

/** Starts a cluster with `topics` (name -> partitions) created. */
export async function startTestCluster(
  topics: Record<string, number>,
  brokers = 1,
): Promise<TestCluster> {
  const real = kafkaConnectionFromEnv();
  if (!real) return fromMock(await startMockCluster({ brokers, topics }));
  const cluster = await fromRealCluster(real);
  for (const [name, partitions] of Object.entries(topics)) {
    await cluster.createTopic(name, partitions);
  }
  return cluster;
}

/** Polls `probe` until it returns true; vitest's test timeout bounds the wait. */
export async function eventually(probe: () => boolean | Promise<boolean>, everyMs = 50) {
  while (!(await probe())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

/** Reads `topic` from its start until `expected` records arrived (vitest's timeout bounds it). */
export async function readTopic(
  cluster: TestCluster,
  topic: string,
  expected: number | ((records: KafkaRecord[]) => boolean),
): Promise<KafkaRecord[]> {
  const enough =
    typeof expected === "number" ? (r: KafkaRecord[]) => r.length >= expected : expected;
  const seen: KafkaRecord[] = [];
  const reader = new KafkaLog({
    connection: cluster.connection,
    applicationId: cluster.topic(`${topic}-reader-${Date.now().toString(36)}`),
    ...FAST_GROUP,
  });
  await reader.start({
    topics: [cluster.topic(topic)],
    onBatch: (records) => {
      seen.push(...records);
      return { records: [] };
    },
  });
  await eventually(() => enough(seen));
  await reader.stop();
  return seen;
}

/** Builds `builder` with the cluster's real partition counts, as a deployment start does. */
export async function buildOnCluster(
  cluster: TestCluster,
  builder: StreamsBuilder,
  applicationId: string,
): Promise<Topology> {
  const config = { applicationId: cluster.topic(applicationId) };
  const probe = new KafkaLog({
    connection: cluster.connection,
    applicationId: config.applicationId,
  });
  const topology = await buildForKafka((c) => builder.build(c), config, probe);
  await probe.stop();
  // The mock refuses admin CreateTopics, so internal topics are pre-created there; on a real
  // cluster KafkaRuntime.start creates them (changelogs compacted).
  if (cluster.mock) {
    for (const [name, { partitions }] of topology.internalTopics) {
      await cluster.createTopic(name, partitions);
    }
  }
  return topology;
}

/** Writes `records` (topics already named for the cluster) through a short-lived producer. */
export async function produce(cluster: TestCluster, records: OutgoingRecord[]): Promise<void> {
  const producer = new KafkaLog({ connection: cluster.connection, applicationId: "seed" });
  await producer.produce(records);
  await producer.stop();
}

/** `topic/partition` of every partition the instances own now. */
export const owned = (apps: KafkaRuntime[]) =>
  apps.flatMap((app) => app.log.assignment().map((tp) => `${tp.topic}/${tp.partition}`));

/**
 * Records the instances processed, re-processing included. Tests wait for at least the input,
 * then compare outputs: if a stalled instance ever missed its session and the group
 * rebalanced, a repeated record shows there as a clear failure instead of a wait that never
 * ends.
 */
export const processed = (apps: KafkaRuntime[]) =>
  apps.reduce((sum, app) => sum + app.log.status.processed, 0);

/**
 * Starts `instances` workers of one deployment (ids i0, i1, ...) and waits until the group gave
 * every partition of the topology's source topics to them and each owns some, so input written
 * afterwards is never repeated by a first rebalance. `running` collects them for afterAll.
 */
export async function startInstances(
  cluster: TestCluster,
  topology: Topology,
  instances: number,
  running: { stop(): Promise<void> }[],
  options: Partial<KafkaRuntimeOptions> = {},
): Promise<KafkaRuntime[]> {
  const apps = Array.from(
    { length: instances },
    (_, i) =>
      new KafkaRuntime(topology, {
        connection: cluster.connection,
        instanceId: `i${i}`,
        ...FAST_GROUP,
        ...options,
      }),
  );
  running.push(...apps);
  await Promise.all(apps.map((app) => app.start()));
  const topics = new Set(topology.subtopologies.flatMap((sub) => sub.sourceTopics));
  const partitions = [...topics].reduce((sum, topic) => sum + topology.partitionsOf(topic), 0);
  // Disjoint too: an instance still showing the previous generation's partitions is not settled.
  const settled = (all: string[]) => all.length === partitions && new Set(all).size === partitions;
  await eventually(() => {
    // A failed instance never takes its share: say why instead of waiting for the test's timeout.
    const failed = apps.find((app) => app.status.state === "failed");
    if (failed) throw new Error(`${failed.log.instanceId} failed: ${failed.status.error?.message}`);
    return settled(owned(apps)) && apps.every((app) => app.log.assignment().length > 0);
  });
  return apps;
}
