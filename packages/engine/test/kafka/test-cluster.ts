// One Kafka for the Kafka suite: librdkafka's mock cluster by default, or the real cluster in
// KAFKA_BROKERS (topic names then get a per-run prefix so runs never share data).
import { type MockCluster, startMockCluster } from "../../../../tools/kafka-mock";
import { type KafkaConnection, KafkaLog, kafkaConnectionFromEnv } from "../../src/log/kafka";

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
