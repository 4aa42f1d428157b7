// The Kafka log: one deployment's consumer group (named by its application id), the producer
// for sink, repartition and changelog records, and offset commits under the chosen guarantee.
import { type Admin, type Consumer, type EachBatchPayload, Kafka, type Producer } from "kafkajs";
import type { ProcessingGuarantee } from "../../runtime/deployment";
import { KafkaAdmin } from "./kafka-admin";
import { classify, kafkaClientConfig } from "./kafka-client";
import type { KafkaConnection } from "./kafka-config";
import { KafkaLogError } from "./kafka-error";
import {
  type DeadLetter,
  deadLetterRecord,
  fromKafkaMessage,
  type KafkaRecord,
  type OutgoingRecord,
  type TopicPartition,
  toTopicMessages,
} from "./kafka-record";
import { ChangelogReader } from "./kafka-restore";
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, withRetry } from "./kafka-retry";
import type { KafkaStatus } from "./kafka-status";
import {
  type CoPartitionGroup,
  checkCoPartitioning,
  type InternalTopicSpec,
  readPartitionCounts,
  requireTopics,
  supportsTopicAdmin,
  type TopicSpec,
} from "./kafka-topics";

export interface KafkaLogOptions {
  connection: KafkaConnection;
  /** Names the consumer group, the transactional ids and the internal topics. */
  applicationId: string;
  guarantee?: ProcessingGuarantee;
  /** Distinguishes worker processes of one deployment; default: random. */
  instanceId?: string;
  /** Consumer group timeouts; kafkajs defaults are 30000 / 3000 ms. */
  sessionTimeout?: number;
  heartbeatInterval?: number;
  /** Longest wait of a fetch with no data; bounds how long stop() and rebalances wait. Default 500. */
  fetchMaxWaitMs?: number;
  /** at_least_once: how often processed offsets are committed (Kafka Streams' commit.interval.ms). Default 1000. */
  commitIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Where undecodable records go; default `<applicationId>-dead-letter`. */
  deadLetterTopic?: string;
  onStatus?: (status: KafkaStatus) => void;
}

export interface BatchResult {
  records: OutgoingRecord[];
  deadLetters?: DeadLetter[];
}

export interface KafkaRunHandlers {
  /** Every topic the group reads: source topics and the repartition topics it writes itself. */
  topics: string[];
  /** Changelog topics this instance may need to restore stores from. */
  changelogTopics?: string[];
  /** Inputs that must be co-partitioned (join sides); checked against the cluster first. */
  coPartitioned?: CoPartitionGroup[];
  /** Called before the first batch of newly assigned partitions: restore their stores here. */
  onAssigned?: (partitions: TopicPartition[]) => Promise<void> | void;
  /** Called when partitions moved to another instance: close their tasks. */
  onRevoked?: (partitions: TopicPartition[]) => Promise<void> | void;
  /** Processes one partition's batch; outputs and the input offsets commit together. */
  onBatch: (
    records: KafkaRecord[],
    partition: TopicPartition,
  ) => Promise<BatchResult> | BatchResult;
}

const keyOf = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;

/**
 * Runs one deployment instance against a Kafka cluster.
 * @example
 * const log = new KafkaLog({ connection, applicationId: "orders-app" });
 * await log.start({ topics: ["orders"], onBatch: (records) => ({ records: [] }) });
 * await log.stop();
 */
export class KafkaLog {
  readonly applicationId: string;
  readonly guarantee: ProcessingGuarantee;
  readonly instanceId: string;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly topics: KafkaAdmin;
  private readonly policy: RetryPolicy;
  private readonly deadLetterTopic: string;
  private producer: Producer | undefined;
  private consumer: Consumer | undefined;
  private changelogs: ChangelogReader | undefined;
  private handlers: KafkaRunHandlers | undefined;
  private readonly active = new Map<string, TopicPartition>();
  /** Assignment changes, serialised; every batch waits for them. */
  private lifecycle: Promise<void> = Promise.resolve();
  private crashes = 0;
  private stopping = false;
  private current: KafkaStatus = { state: "idle", assigned: [], processed: 0 };

  constructor(private readonly options: KafkaLogOptions) {
    this.applicationId = options.applicationId;
    this.guarantee = options.guarantee ?? "at_least_once";
    this.instanceId = options.instanceId ?? Math.random().toString(36).slice(2, 10);
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.deadLetterTopic = options.deadLetterTopic ?? `${options.applicationId}-dead-letter`;
    const { connection } = options;
    this.kafka = new Kafka(
      kafkaClientConfig(
        connection,
        `${connection.clientId}-${this.applicationId}-${this.instanceId}`,
      ),
    );
    this.admin = this.kafka.admin();
    this.topics = new KafkaAdmin(this.admin, (action) => this.retrying(action));
  }

  get status(): KafkaStatus {
    return this.current;
  }

  /** Partitions this instance processes now. */
  assignment(): TopicPartition[] {
    return [...this.active.values()];
  }

  private setStatus(patch: Partial<KafkaStatus>): void {
    this.current = { ...this.current, ...patch };
    this.options.onStatus?.(this.current);
  }

  private retrying<T>(action: () => Promise<T>): Promise<T> {
    return withRetry(
      this.policy,
      {
        stopped: () => this.stopping,
        onRetry: (error, attempt, delayMs) =>
          this.setStatus({
            state: "retrying",
            error: classify(this.options.connection, error),
            attempt,
            retryInMs: delayMs,
          }),
      },
      async () => {
        try {
          return await action();
        } catch (error) {
          throw classify(this.options.connection, error);
        }
      },
    );
  }

  /** Real partition counts of `topics` (undefined: the topic does not exist). */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number | undefined>> {
    return this.topics.partitionCounts(topics);
  }

  /** Creates or checks repartition and changelog topics (changelogs compacted). */
  ensureInternalTopics(specs: readonly InternalTopicSpec[]): Promise<void> {
    return this.topics.ensureInternalTopics(specs);
  }

  /** Creates user topics (e.g. a topology's declared topics); refuses without topic admin. */
  createTopics(specs: readonly TopicSpec[]): Promise<void> {
    return this.topics.createTopics(specs);
  }

  /**
   * Deletes this application's repartition and changelog topics (deployment deleted).
   * Returns the deleted names; refuses on clusters without topic admin (the mock).
   */
  deleteInternalTopics(): Promise<string[]> {
    return this.topics.deleteInternalTopics(this.applicationId);
  }

  /**
   * Joins the deployment's consumer group and processes batches until `stop()`.
   * Resolves once consuming started; refuses missing source topics (after retries) and
   * co-partitioning mismatches.
   */
  async start(handlers: KafkaRunHandlers): Promise<void> {
    if (this.handlers) throw new Error(`KafkaLog ${this.applicationId} is already started`);
    this.handlers = handlers;
    this.stopping = false;
    this.setStatus({ state: "starting", error: undefined });
    try {
      await this.topics.connect();
      await this.retrying(async () => {
        const counts = await readPartitionCounts(this.admin, handlers.topics);
        checkCoPartitioning(counts, handlers.coPartitioned ?? []);
        requireTopics(counts);
      });
      await this.startProducer();
      // Both joins take a group round trip each; run them side by side.
      await Promise.all([
        this.startChangelogReader(handlers.changelogTopics ?? []),
        this.startConsumer(handlers.topics),
      ]);
      this.setStatus({ state: "running", error: undefined, attempt: undefined });
    } catch (error) {
      const failure = classify(this.options.connection, error);
      this.setStatus({ state: "failed", error: failure });
      await this.disconnectAll();
      this.handlers = undefined;
      throw failure;
    }
  }

  private async startProducer(): Promise<void> {
    const exactlyOnce = this.guarantee === "exactly_once_v2";
    if (exactlyOnce && !(await this.retrying(() => supportsTopicAdmin(this.admin)))) {
      // librdkafka's mock names no live controller, so InitProducerId can never succeed there.
      throw new KafkaLogError(
        "KAFKA_UNSUPPORTED",
        "user",
        "exactly_once_v2 needs transactional producers, which this cluster does not serve (no live controller); use at_least_once",
        { guarantee: this.guarantee },
      );
    }
    this.producer = this.kafka.producer(
      exactlyOnce
        ? {
            transactionalId: `${this.applicationId}-${this.instanceId}`,
            idempotent: true,
            maxInFlightRequests: 1,
          }
        : { allowAutoTopicCreation: false },
    );
    await this.retrying(() => this.producer!.connect());
  }

  private async startChangelogReader(topics: string[]): Promise<void> {
    if (topics.length === 0) return;
    this.changelogs = new ChangelogReader(
      this.kafka,
      this.admin,
      `${this.applicationId}-restore-${this.instanceId}`,
      topics,
      this.groupTimeouts(),
    );
    await this.retrying(() => this.changelogs!.start());
  }

  private groupTimeouts() {
    return {
      sessionTimeout: this.options.sessionTimeout ?? 30_000,
      heartbeatInterval: this.options.heartbeatInterval ?? 3_000,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? 500,
    };
  }

  private async startConsumer(topics: string[]): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.applicationId,
      allowAutoTopicCreation: false,
      readUncommitted: false,
      ...this.groupTimeouts(),
      retry: {
        retries: 3,
        initialRetryTime: 100,
        restartOnFailure: (error) => this.restartAfterCrash(error),
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => ({ topic, partition })),
      );
      this.lifecycle = this.lifecycle.then(() => this.applyAssignment(assigned));
    });
    // kafkajs asks restartOnFailure (which reports "retrying") before it emits CRASH.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.setStatus({ state: "failed", error: classify(this.options.connection, payload.error) });
    });
    await this.retrying(() => consumer.connect());
    await consumer.subscribe({ topics, fromBeginning: true });
    // at_least_once: kafkajs commits resolved offsets every commit interval, before a rebalance
    // and on stop; we resolve an offset only once its outputs are acknowledged, so a committed
    // offset never runs ahead of its outputs. exactly_once_v2 commits inside each transaction.
    const exactlyOnce = this.guarantee === "exactly_once_v2";
    await consumer.run({
      autoCommit: !exactlyOnce,
      autoCommitInterval: exactlyOnce ? null : (this.options.commitIntervalMs ?? 1000),
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  /** kafkajs asks whether to restart a crashed consumer; we wait out our backoff first. */
  private async restartAfterCrash(error: Error): Promise<boolean> {
    this.crashes += 1;
    // kafkajs wraps what eachBatch threw; our classification sits underneath.
    const cause = (error as { originalError?: unknown }).originalError ?? error.cause ?? error;
    const user = [error, cause].some((e) => e instanceof KafkaLogError && e.kind === "user");
    if (cause instanceof KafkaLogError) error = cause;
    if (user || this.stopping || this.crashes > this.policy.retries) {
      this.setStatus({ state: "failed", error: classify(this.options.connection, error) });
      return false;
    }
    const delayMs = backoffMs(this.policy, this.crashes);
    this.setStatus({
      state: "retrying",
      error: classify(this.options.connection, error),
      attempt: this.crashes,
      retryInMs: delayMs,
    });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return !this.stopping;
  }

  private async applyAssignment(assigned: TopicPartition[]): Promise<void> {
    const now = new Set(assigned.map(keyOf));
    const revoked = [...this.active].filter(([key]) => !now.has(key)).map(([, tp]) => tp);
    for (const tp of revoked) this.active.delete(keyOf(tp));
    if (revoked.length > 0) await this.handlers?.onRevoked?.(revoked);
    const added = assigned.filter((tp) => !this.active.has(keyOf(tp)));
    if (added.length > 0) await this.handlers?.onAssigned?.(added);
    for (const tp of added) this.active.set(keyOf(tp), tp);
    this.setStatus({ assigned: this.assignment() });
  }

  private async processBatch({
    batch,
    isRunning,
    isStale,
    resolveOffset,
    heartbeat,
  }: EachBatchPayload) {
    await this.heartbeatWhile(this.lifecycle, heartbeat);
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const tp = { topic: batch.topic, partition: batch.partition };
    // A batch can overtake its GROUP_JOIN event; the task still restores before processing.
    if (!this.active.has(keyOf(tp))) {
      await this.heartbeatWhile(this.applyAssignment([...this.assignment(), tp]), heartbeat);
    }
    const records = batch.messages.map((message) => fromKafkaMessage(tp, message));
    const result = await this.handlers!.onBatch(records, tp);
    if (result.deadLetters?.length) await this.topics.ensureDeadLetterTopic(this.deadLetterTopic);
    const outgoing = [
      ...result.records,
      ...(result.deadLetters ?? []).map((letter) => deadLetterRecord(this.deadLetterTopic, letter)),
    ];
    const last = batch.messages[batch.messages.length - 1].offset;
    await this.commit(tp, outgoing, (BigInt(last) + 1n).toString());
    resolveOffset(last);
    this.crashes = 0;
    this.setStatus({
      state: "running",
      error: undefined,
      attempt: undefined,
      retryInMs: undefined,
      processed: this.current.processed + records.length,
      deadLettered: (this.current.deadLettered ?? 0) + (result.deadLetters?.length ?? 0),
    });
    await heartbeat();
  }

  /** kafkajs heartbeats only between batches; a long restore must not cost us the session. */
  private async heartbeatWhile(work: Promise<void>, heartbeat: () => Promise<void>): Promise<void> {
    const every = this.groupTimeouts().heartbeatInterval;
    const timer = setInterval(() => heartbeat().catch(() => undefined), every);
    try {
      await work;
    } finally {
      clearInterval(timer);
    }
  }

  /** Outputs before the input offset (at-least-once), or both in one transaction (exactly-once). */
  private async commit(
    tp: TopicPartition,
    outgoing: OutgoingRecord[],
    next: string,
  ): Promise<void> {
    const producer = this.producer!;
    const offsets = {
      topics: [{ topic: tp.topic, partitions: [{ partition: tp.partition, offset: next }] }],
    };
    if (this.guarantee === "at_least_once") {
      if (outgoing.length > 0)
        await producer.sendBatch({ topicMessages: toTopicMessages(outgoing) });
      return;
    }
    const transaction = await producer.transaction();
    try {
      if (outgoing.length > 0)
        await transaction.sendBatch({ topicMessages: toTopicMessages(outgoing) });
      await transaction.sendOffsets({ consumerGroupId: this.applicationId, ...offsets });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  /** Restores one changelog partition from its start; `onRecords` rebuilds the store. */
  async restore(tp: TopicPartition, onRecords: (records: KafkaRecord[]) => void): Promise<number> {
    if (!this.changelogs) {
      throw new Error(`restore(${tp.topic}): the topic was not listed in changelogTopics at start`);
    }
    return this.changelogs.restore(tp, onRecords);
  }

  /** Sends records outside any task (seeding sources, tests); waits for the acknowledgement. */
  async produce(records: readonly OutgoingRecord[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.retrying(() => this.producer!.connect());
    }
    await this.producer.sendBatch({ topicMessages: toTopicMessages(records) });
  }

  /** Leaves the group after the batch in flight committed; partitions move to the other instances. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.disconnectAll();
    await this.lifecycle;
    const revoked = this.assignment();
    this.active.clear();
    if (revoked.length > 0) await this.handlers?.onRevoked?.(revoked);
    this.handlers = undefined;
    this.setStatus({ state: "stopped", assigned: [] });
  }

  private async disconnectAll(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.changelogs?.stop().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.changelogs = undefined;
    this.producer = undefined;
  }
}
