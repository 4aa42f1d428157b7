// Runs an engine Topology on Kafka: the deployment's consumer group hands this instance some
// partitions, their tasks restore stores from the changelog topics, and each batch's outputs,
// changelog records and input offsets commit together through KafkaLog.
import type { LogRecord, ProducerRecord } from "../../log/log";
import type { MetricsSnapshot } from "../../processor/metrics";
import type { StreamTask } from "../../processor/stream-task";
import type { DeadLetter as EngineDeadLetter } from "../../processor/task-context";
import { TaskManager } from "../../processor/task-manager";
import type { Topology, TopologyConfig } from "../../processor/topology";
import { changelogTopic } from "../../state/store";
import { KafkaLogError } from "./kafka-error";
import { type BatchResult, KafkaLog, type KafkaLogOptions } from "./kafka-log";
import type { DeadLetter, KafkaRecord, OutgoingRecord, TopicPartition } from "./kafka-record";
import type { KafkaStatus } from "./kafka-status";
import { type CoPartitionGroup, checkCoPartitioning, type InternalTopicSpec } from "./kafka-topics";

/**
 * Builds a topology with the cluster's real partition counts, as Kafka Streams reads them from
 * metadata: a first build names the user topics, the second gets their counts. Missing source
 * topics and non-co-partitioned join inputs are refused here, naming topics and counts.
 * @example const topology = await buildForKafka((c) => builder.build(c), { applicationId: "shop" }, log);
 */
export async function buildForKafka(
  build: (config: TopologyConfig) => Topology,
  config: TopologyConfig,
  log: KafkaLog,
): Promise<Topology> {
  const draft = build(config);
  if (draft.global) {
    throw new KafkaLogError(
      "KAFKA_UNSUPPORTED",
      "user",
      `GlobalKTable sources (${draft.global.sourceTopics.join(", ")}) do not run on Kafka yet`,
    );
  }
  const internal = (topic: string) => draft.internalTopics.has(topic);
  const userTopics = [...draft.sourceTopics, ...draft.sinkTopics].filter((t) => !internal(t));
  const counts = await log.partitionCounts(userTopics);
  checkCoPartitioning(counts, coPartitionGroups(draft, internal));
  const missing = [...counts].filter(([, n]) => n === undefined).map(([topic]) => topic);
  if (missing.length > 0) {
    throw new KafkaLogError(
      "KAFKA_MISSING_TOPIC",
      "operational",
      `Topics missing from the cluster: ${missing.join(", ")}`,
      { topics: missing },
    );
  }
  const topicPartitions = Object.fromEntries(counts) as Record<string, number>;
  return build({ ...config, topicPartitions: { ...config.topicPartitions, ...topicPartitions } });
}

/** Join sub-topologies: their user source topics must have equal partition counts. */
function coPartitionGroups(
  topology: Topology,
  internal: (t: string) => boolean,
): CoPartitionGroup[] {
  return topology.subtopologies.flatMap((sub) => {
    const join = sub.nodes.find((node) => node.copartition);
    const topics = sub.sourceTopics.filter((t) => !internal(t));
    return join && topics.length > 1 ? [{ nodeId: join.name, topics }] : [];
  });
}

function internalTopicSpecs(topology: Topology): InternalTopicSpec[] {
  return [...topology.internalTopics].map(([name, config]) => ({
    name,
    partitions: config.partitions,
    kind: config.compacted ? "changelog" : "repartition",
  }));
}

function toLogRecord(record: KafkaRecord): LogRecord {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: Number(record.offset),
    timestamp: record.timestamp,
    key: record.key,
    value: record.value,
    headers: record.headers,
  };
}

const bytes = (data: Uint8Array | null) =>
  data === null ? null : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

function toOutgoing(record: ProducerRecord): OutgoingRecord {
  return {
    topic: record.topic,
    partition: record.partition,
    timestamp: record.timestamp,
    key: bytes(record.key),
    value: bytes(record.value),
    headers: record.headers,
  };
}

function toDeadLetter(letter: EngineDeadLetter): DeadLetter {
  return {
    reason: letter.reason,
    record: {
      topic: letter.topic,
      partition: letter.partition,
      offset: String(letter.offset),
      timestamp: letter.timestamp,
      key: bytes(letter.key),
      value: bytes(letter.value),
      headers: {},
    },
  };
}

/**
 * A batch's changelog records reduced to the last one per store key: the topic is compacted
 * and restoration keeps only the latest value, so earlier ones would be sent only to be
 * dropped (Kafka Streams' record cache does the same between commits).
 */
function latestPerKey(records: ProducerRecord[]): ProducerRecord[] {
  if (records.length < 2) return records;
  const latest = new Map<string, ProducerRecord>();
  for (const record of records) {
    const key = `${record.topic}\u0000${record.key === null ? "" : Buffer.from(record.key).toString("latin1")}`;
    latest.delete(key);
    latest.set(key, record);
  }
  return [...latest.values()];
}

export type KafkaRuntimeOptions = Omit<KafkaLogOptions, "applicationId">;

/**
 * One worker instance of a deployment on Kafka. Start several with the same application id
 * (in one process or many) and the consumer group splits the partitions between them.
 * @example
 * const runtime = new KafkaRuntime(topology, { connection });
 * await runtime.start();
 */
export class KafkaRuntime {
  readonly log: KafkaLog;
  private readonly manager: TaskManager;
  private deadLetters: DeadLetter[] = [];

  constructor(
    readonly topology: Topology,
    options: KafkaRuntimeOptions,
  ) {
    this.log = new KafkaLog({ ...options, applicationId: topology.applicationId });
    this.manager = new TaskManager(topology, {
      wallClock: Date.now,
      onDeadLetter: (letter) => this.deadLetters.push(toDeadLetter(letter)),
    });
  }

  get status(): KafkaStatus {
    return this.log.status;
  }

  metrics(): MetricsSnapshot {
    return this.manager.metrics.snapshot(this.manager.storeSizes());
  }

  get taps() {
    return this.manager.taps;
  }

  async start(): Promise<void> {
    await this.log.ensureInternalTopics(internalTopicSpecs(this.topology));
    const topics = this.topology.subtopologies.flatMap((sub) => sub.sourceTopics);
    await this.log.start({
      topics: [...new Set(topics)],
      changelogTopics: internalTopicSpecs(this.topology)
        .filter((spec) => spec.kind === "changelog")
        .map((spec) => spec.name),
      onAssigned: (partitions) => this.restoreTasks(partitions),
      onBatch: (records, tp) => this.process(records, tp),
    });
  }

  stop(): Promise<void> {
    return this.log.stop();
  }

  private taskOf(tp: TopicPartition): StreamTask {
    const task = this.manager.taskFor(tp.topic, tp.partition);
    if (!task) {
      throw new KafkaLogError(
        "KAFKA_PROCESSING",
        "user",
        `No task reads ${tp.topic} partition ${tp.partition}: the topology was built for ${this.topology.partitionsOf(tp.topic)} partitions (use buildForKafka)`,
      );
    }
    return task;
  }

  /** A task's stores start from their changelog partitions, as in Kafka Streams' restoration. */
  private async restoreTasks(partitions: TopicPartition[]): Promise<void> {
    const tasks = new Set(partitions.map((tp) => this.taskOf(tp)));
    for (const task of tasks) {
      for (const name of task.stores.keys()) {
        if (!this.topology.stores.get(name)?.logged) continue;
        const topic = changelogTopic(this.topology.applicationId, name);
        const records: LogRecord[] = [];
        await this.log.restore({ topic, partition: task.partition }, (batch) =>
          records.push(...batch.map(toLogRecord)),
        );
        task.restore(name, records);
      }
    }
  }

  private process(records: KafkaRecord[], tp: TopicPartition): BatchResult {
    const task = this.taskOf(tp);
    for (const record of records) task.process(toLogRecord(record));
    const outgoing = [...task.drainOutput(), ...latestPerKey(task.drainChangelog())].map(
      toOutgoing,
    );
    const deadLetters = this.deadLetters;
    this.deadLetters = [];
    return { records: outgoing, deadLetters };
  }
}
