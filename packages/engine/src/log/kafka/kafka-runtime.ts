// Runs an engine Topology on Kafka: the deployment's consumer group hands this instance some
// partitions, their tasks restore stores from the changelog topics, and each batch's outputs,
// changelog records and input offsets commit together through KafkaLog.
import type { LogRecord, ProducerRecord } from "../../log/log";
import type { MetricsSnapshot } from "../../processor/metrics";
import type { StreamTask } from "../../processor/stream-task";
import { decodeStreamTime, encodeStreamTime } from "../../processor/stream-time-metadata";
import type { DeadLetter as EngineDeadLetter } from "../../processor/task-context";
import { TaskManager } from "../../processor/task-manager";
import type { Topology, TopologyConfig } from "../../processor/topology";
import {
  InvalidStateStoreError,
  type QueryableStore,
  queryableStore,
} from "../../runtime/queryable-store";
import { changelogTopic } from "../../state/store";
import { KafkaLogError } from "./kafka-error";
import { type BatchResult, KafkaLog, type KafkaLogOptions } from "./kafka-log";
import {
  type DeadLetter,
  type KafkaRecord,
  type OutgoingRecord,
  partitionKey,
  type TopicPartition,
} from "./kafka-record";
import type { KafkaStatus } from "./kafka-status";
import { type CoPartitionGroup, checkCoPartitioning, internalTopicSpecs } from "./kafka-topics";

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

export type KafkaRuntimeOptions = Omit<KafkaLogOptions, "applicationId"> & {
  /** How often wall-clock punctuation is checked (Kafka Streams checks once per poll loop). Default 100. */
  wallClockTickMs?: number;
};

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
  private wallClockTimer: NodeJS.Timeout | undefined;
  /** Rebalances whose partitions are still being restored. */
  private restoring = 0;

  constructor(
    readonly topology: Topology,
    private readonly options: KafkaRuntimeOptions,
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

  /**
   * Store `name` over the partitions this instance owns, read-only: Kafka Streams' interactive
   * queries read local stores only. Refused (InvalidStateStoreError, as Kafka Streams while
   * rebalancing) until the runtime runs with its assigned stores restored.
   */
  queryableStore(name: string): QueryableStore | undefined {
    if (!this.topology.stores.has(name)) return undefined;
    const state = this.restoring > 0 ? "restoring" : this.status.state;
    if (state !== "running") {
      throw new InvalidStateStoreError(
        `the Kafka runtime of ${this.topology.applicationId} is ${state}`,
      );
    }
    const global = this.manager.global;
    const tasks = global === undefined ? [...this.activeTasks()] : [...this.activeTasks(), global];
    const view = queryableStore(
      name,
      tasks.map((t) => t.stores.get(name)),
    );
    if (view === undefined) {
      throw new InvalidStateStoreError(
        `no partition of store ${name} is assigned to this instance`,
      );
    }
    return view;
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
      globalTopics: this.topology.global?.sourceTopics,
      onGlobalRecords: (records) => this.updateGlobalStores(records),
      onAssigned: (partitions) => this.resumeTasks(partitions),
      onRevoked: (partitions) => this.dropUncommitted(partitions),
      onBatch: (records, tp) => this.process(records, tp),
      onCommit: () => this.drainChangelogs(),
      commitMetadata: (tp) => encodeStreamTime(this.taskOf(tp).ctx.streamTime),
    });
    const tick = this.options.wallClockTickMs ?? 100;
    this.wallClockTimer = setInterval(() => this.punctuateWallClock(), tick);
  }

  async stop(): Promise<void> {
    clearInterval(this.wallClockTimer);
    await this.log.stop();
  }

  /** Tasks of the partitions this instance owns now. */
  private activeTasks(): Set<StreamTask> {
    return new Set(this.log.assignment().map((tp) => this.taskOf(tp)));
  }

  /**
   * Changelog records since the last commit: draining is the stores' commit, and they log the
   * latest state per key, so a key updated many times within a commit interval is sent once
   * (Kafka Streams' record cache).
   */
  private drainChangelogs(): OutgoingRecord[] {
    return [...this.activeTasks()].flatMap((task) =>
      task.drainChangelog().flatMap((changelog) => Array.from(changelog, toOutgoing)),
    );
  }

  /** A task that moved away: its uncommitted changelog is the new owner's to redo. */
  private dropUncommitted(partitions: TopicPartition[]): void {
    for (const task of new Set(partitions.map((tp) => this.taskOf(tp)))) {
      task.drainChangelog();
      task.drainOutput();
    }
  }

  /** Kafka Streams' wall-clock punctuation, driven between batches; outputs join the next commit. */
  private punctuateWallClock(): void {
    this.log
      .emit(() => {
        const now = Date.now();
        return [...this.activeTasks()].flatMap((task) => {
          task.punctuateWallClock(now);
          return task.drainOutput().map(toOutgoing);
        });
      })
      .catch(() => undefined);
  }

  /** The global task applies every record of the global topics; its stores keep no changelog. */
  private updateGlobalStores(records: KafkaRecord[]): void {
    const global = this.manager.global!;
    for (const record of records) global.process(toLogRecord(record));
    global.drainOutput();
    global.drainChangelog();
  }

  /** Assigned tasks get their stores from the changelogs and their stream time from the commit. */
  private async resumeTasks(partitions: TopicPartition[]): Promise<void> {
    this.restoring++;
    try {
      await this.restoreTasks(partitions);
      const committed = await this.log.committed(partitions);
      for (const tp of partitions) {
        const ctx = this.taskOf(tp).ctx;
        const restored = decodeStreamTime(committed.get(partitionKey(tp))?.metadata);
        if (restored > ctx.streamTime) ctx.streamTime = restored;
      }
    } finally {
      this.restoring--;
    }
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
        // a loop, not push(...spread): a fetched batch may hold more records than a call's arguments
        await this.log.restore({ topic, partition: task.partition }, (batch) => {
          for (const r of batch) records.push(toLogRecord(r));
        });
        task.restore(name, records);
      }
    }
  }

  private process(records: KafkaRecord[], tp: TopicPartition): BatchResult {
    const task = this.taskOf(tp);
    for (const record of records) task.process(toLogRecord(record));
    const outgoing = task.drainOutput().map(toOutgoing);
    const deadLetters = this.deadLetters;
    this.deadLetters = [];
    return { records: outgoing, deadLetters };
  }
}
