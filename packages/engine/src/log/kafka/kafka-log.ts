// The Kafka log: one deployment's consumer group (named by its application id), the producer
// for sink, repartition and changelog records, and offset commits under the chosen guarantee.
import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  Kafka,
  type Producer,
  type Transaction,
} from "kafkajs";
import type { ProcessingGuarantee } from "../../runtime/deployment";
import { copartitionedAssigner } from "./copartitioned-assigner";
import { KafkaAdmin } from "./kafka-admin";
import { classify, kafkaClientConfig } from "./kafka-client";
import type { KafkaConnection } from "./kafka-config";
import { KafkaLogError } from "./kafka-error";
import { GlobalTopicReader } from "./kafka-global";
import {
  type DeadLetter,
  deadLetterRecord,
  fromKafkaMessage,
  type KafkaRecord,
  type OutgoingRecord,
  partitionKey,
  type TopicPartition,
  toTopicMessages,
} from "./kafka-record";
import { ChangelogReader } from "./kafka-restore";
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, withRetry } from "./kafka-retry";
import { SendQueue } from "./kafka-send-queue";
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
  /**
   * Called at each commit, before the offsets: records written since the last commit that are
   * not tied to one batch (changelogs deduplicated per key over the commit interval).
   */
  onCommit?: () => OutgoingRecord[];
  /** GlobalKTable topics: every partition read by every instance, outside the group. */
  globalTopics?: string[];
  /** Records of the global topics, from their start; the group's batches wait for the bootstrap. */
  onGlobalRecords?: (records: KafkaRecord[]) => void;
  /** Offset metadata committed with a partition's offset (Kafka Streams keeps stream time there). */
  commitMetadata?: (partition: TopicPartition) => string | null;
}

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
  private global: GlobalTopicReader | undefined;
  private handlers: KafkaRunHandlers | undefined;
  private readonly active = new Map<string, TopicPartition>();
  /** What the group's last GROUP_JOIN gave this instance; `active` once their tasks restored. */
  private joined: TopicPartition[] = [];
  /** Assignment changes, serialised; every batch waits for them. */
  private lifecycle: Promise<void> = Promise.resolve();
  private crashes = 0;
  private stopping = false;
  /** Sends and commits run one at a time, in order: a commit covers exactly what preceded it. */
  private serial: Promise<unknown> = Promise.resolve();
  private readonly sends = new SendQueue(() => this.sender());
  /** A lost send or an aborted transaction: nothing commits until the consumer restarted. */
  private sendFailure: unknown;
  /** Next offsets to commit, per input partition, whose outputs are sent (maybe not yet acknowledged). */
  private readonly pending = new Map<string, { tp: TopicPartition; offset: string }>();
  /**
   * Next offset to process per owned partition. After a rebalance kafkajs fetches from the last
   * committed offset again, also for partitions this instance kept; those records were processed.
   */
  private readonly positions = new Map<string, bigint>();
  private transaction: Transaction | undefined;
  private commitTimer: NodeJS.Timeout | undefined;
  private batchInProgress: Promise<void> = Promise.resolve();
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
    this.crashes = 0;
    this.setStatus({ state: "starting", error: undefined });
    try {
      await this.topics.connect();
      await this.retrying(async () => {
        const counts = await readPartitionCounts(this.admin, handlers.topics);
        checkCoPartitioning(counts, handlers.coPartitioned ?? []);
        requireTopics(counts);
      });
      await this.startProducer();
      // Each join takes a group round trip; run them side by side. Batches wait for the global
      // stores' bootstrap (Kafka Streams starts its stream threads after the global thread).
      const global = this.startGlobalReader(handlers);
      this.lifecycle = global.catch(() => undefined);
      await Promise.all([
        global,
        this.startChangelogReader(handlers.changelogTopics ?? []),
        this.startConsumer(handlers.topics),
      ]);
      // A consumer that crashed while joining keeps the status its restart reports.
      if (this.crashes === 0)
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

  private async startGlobalReader(handlers: KafkaRunHandlers): Promise<void> {
    const topics = handlers.globalTopics ?? [];
    if (topics.length === 0) return;
    this.global = new GlobalTopicReader(
      this.kafka,
      this.admin,
      `${this.applicationId}-global-${this.instanceId}`,
      topics,
      this.groupTimeouts(),
      (records) => handlers.onGlobalRecords?.(records),
    );
    await this.retrying(() => this.global!.start());
  }

  /** Offsets and metadata last committed by the group for `partitions` (offset -1: none). */
  async committed(
    partitions: readonly TopicPartition[],
  ): Promise<Map<string, { offset: bigint; metadata: string | null }>> {
    const topics = [...new Set(partitions.map((tp) => tp.topic))];
    const fetched = await this.retrying(() =>
      this.admin.fetchOffsets({ groupId: this.applicationId, topics }),
    );
    const committed = new Map<string, { offset: bigint; metadata: string | null }>();
    for (const { topic, partitions: entries } of fetched) {
      for (const { partition, offset, metadata } of entries) {
        committed.set(partitionKey({ topic, partition }), { offset: BigInt(offset), metadata });
      }
    }
    return committed;
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
      // Partition p of every subscribed topic on one instance (Kafka Streams' task rule).
      partitionAssigners: [
        copartitionedAssigner(() => this.assignment().map(({ partition }) => partition)),
      ],
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
      this.joined = assigned;
      this.changeAssignment(() => this.applyAssignment(assigned)).catch((error) =>
        this.setStatus({ state: "retrying", error: classify(this.options.connection, error) }),
      );
    });
    // kafkajs asks restartOnFailure (which reports "retrying") before it emits CRASH, but only
    // for errors it deems retriable; after any other it has left for good.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // Whether kafkajs restarts it or we do, it joins again as a new member.
      this.changeAssignment(() => this.revokeAll()).catch(() => undefined);
      if (!payload.restart) this.rejoinAfterCrash(consumer, payload.error);
    });
    await this.retrying(() => consumer.connect());
    await consumer.subscribe({ topics, fromBeginning: true });
    await this.runConsumer(consumer);
    const every = this.options.commitIntervalMs ?? 1000;
    this.commitTimer = setInterval(() => this.commitOnTimer(), every);
  }

  /**
   * A failed offset commit under at_least_once only delays the commit (the next one covers the
   * same records); an aborted transaction lost outputs, so the consumer restarts from the last
   * committed offsets.
   */
  private commitOnTimer(): void {
    this.commit().catch((error) => {
      if (this.stopping) return;
      if (this.guarantee === "exactly_once_v2") this.sendFailure ??= error;
      this.setStatus({ state: "retrying", error: classify(this.options.connection, error) });
    });
  }

  /**
   * Offsets commit every commit interval and on stop, after the outputs they cover were
   * acknowledged (at_least_once) or inside the transaction holding them (exactly_once_v2).
   */
  private runConsumer(consumer: Consumer): Promise<void> {
    return consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => {
        const work = this.processBatch(payload);
        this.batchInProgress = work.catch(() => undefined);
        return work;
      },
    });
  }

  /**
   * Restarts the group consumer after a crash kafkajs gives up on (an error it deems not
   * retriable), under our retry policy like any operational failure; otherwise the instance
   * would hold no partitions for good. librdkafka's mock causes one: a follower whose SyncGroup
   * arrives after the leader's gets INVALID_REQUEST where a broker answers with its assignment.
   */
  private rejoinAfterCrash(consumer: Consumer, error: Error): void {
    const rejoin = async () => {
      if (this.stopping || !(await this.restartAfterCrash(error))) return;
      await this.retrying(() => consumer.connect());
      // stop() may have disconnected the consumer while it reconnected.
      if (this.stopping) return consumer.disconnect();
      await this.runConsumer(consumer);
    };
    rejoin().catch((failure) =>
      this.setStatus({ state: "failed", error: classify(this.options.connection, failure) }),
    );
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
    // Only lost outputs need their records processed again; otherwise the positions skip what
    // the restarted consumer fetches again from the last commit.
    if ((this.sendFailure ?? this.sends.failure) !== undefined) this.discardUncommitted();
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

  /**
   * Queues an assignment change behind the ones before it; batches wait for the queue. A failed
   * change fails only its caller: partitions it did not take stay unowned, and their next batch
   * tries again.
   */
  private changeAssignment(change: () => Promise<void>): Promise<void> {
    const run = this.lifecycle.then(change);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private async applyAssignment(assigned: TopicPartition[]): Promise<void> {
    // A rebalance seen while leaving (other members leave too): stop() revokes everything, and
    // the changelog reader is gone, so there is nothing to restore.
    if (this.stopping) return;
    const now = new Set(assigned.map(partitionKey));
    const revoked = [...this.active].filter(([key]) => !now.has(key)).map(([, tp]) => tp);
    // Kafka Streams commits before giving partitions up (onPartitionsRevoked); kafkajs tells us
    // only after the rebalance, when the commit (in the new generation) is still accepted. If it
    // fails, the new owner repeats the uncommitted records: at-least-once, never a loss.
    if (revoked.length > 0) await this.commit().catch(() => undefined);
    for (const tp of revoked) {
      this.active.delete(partitionKey(tp));
      this.pending.delete(partitionKey(tp));
      this.positions.delete(partitionKey(tp));
    }
    if (revoked.length > 0) await this.handlers?.onRevoked?.(revoked);
    const added = assigned.filter((tp) => !this.active.has(partitionKey(tp)));
    if (added.length > 0 && !this.stopping) {
      // kafkajs may fetch a partition handed over mid-run from an older offset than its last
      // commit; records before the commit were processed by the previous owner.
      const committed = await this.committed(added);
      for (const tp of added) {
        const offset = committed.get(partitionKey(tp))?.offset ?? -1n;
        this.positions.set(partitionKey(tp), offset);
      }
      await this.handlers?.onAssigned?.(added);
    }
    for (const tp of added) this.active.set(partitionKey(tp), tp);
    this.setStatus({ assigned: this.assignment() });
  }

  /**
   * Takes `tp` with the other source partitions of its task (partition p of every topic, which
   * the assigner keeps together), so the task restores once, not again under a later batch.
   */
  private adopt(tp: TopicPartition): Promise<void> {
    const sameTask = this.joined.filter(({ partition }) => partition === tp.partition);
    const taken = new Map([
      ...this.active,
      ...[...sameTask, tp].map((t) => [partitionKey(t), t] as const),
    ]);
    return this.applyAssignment([...taken.values()]);
  }

  private async processBatch({
    batch,
    isRunning,
    isStale,
    resolveOffset,
    heartbeat,
  }: EachBatchPayload) {
    await this.heartbeatWhile(this.lifecycle, heartbeat);
    if (this.stopping || !isRunning() || isStale() || batch.messages.length === 0) return;
    this.throwSendFailure();
    const tp = { topic: batch.topic, partition: batch.partition };
    // A batch can overtake its GROUP_JOIN event, or follow one whose restore failed; the task
    // still restores before processing, in turn with the other assignment changes.
    if (!this.active.has(partitionKey(tp))) {
      await this.heartbeatWhile(
        this.changeAssignment(() => this.adopt(tp)),
        heartbeat,
      );
    }
    const last = batch.messages[batch.messages.length - 1].offset;
    await this.exclusive(async () => {
      if (!this.active.has(partitionKey(tp))) return;
      const from = this.positions.get(partitionKey(tp)) ?? -1n;
      const records = batch.messages
        .filter((message) => BigInt(message.offset) >= from)
        .map((message) => fromKafkaMessage(tp, message));
      if (records.length === 0) return;
      this.positions.set(partitionKey(tp), BigInt(last) + 1n);
      const result = await this.handlers!.onBatch(records, tp);
      if (result.deadLetters?.length) await this.topics.ensureDeadLetterTopic(this.deadLetterTopic);
      const outgoing = [
        ...result.records,
        ...(result.deadLetters ?? []).map((letter) =>
          deadLetterRecord(this.deadLetterTopic, letter),
        ),
      ];
      this.pending.set(partitionKey(tp), { tp, offset: (BigInt(last) + 1n).toString() });
      await this.sends.add(outgoing, () =>
        this.acknowledged(records.length, result.deadLetters?.length),
      );
    });
    resolveOffset(last);
    await heartbeat();
  }

  private acknowledged(processed: number, deadLettered = 0): void {
    this.crashes = 0;
    this.setStatus({
      state: "running",
      error: undefined,
      attempt: undefined,
      retryInMs: undefined,
      processed: this.current.processed + processed,
      deadLettered: (this.current.deadLettered ?? 0) + deadLettered,
    });
  }

  /**
   * After a lost send nothing may commit (a later offset would cover the lost outputs) until the
   * consumer restarted from the last committed offsets.
   */
  private throwSendFailure(): void {
    const failure = this.sendFailure ?? this.sends.failure;
    if (failure !== undefined) throw failure;
  }

  /** Forgets uncommitted work after lost outputs: the restarted consumer redoes it from the commit. */
  private discardUncommitted(): void {
    this.sendFailure = undefined;
    this.pending.clear();
    this.positions.clear();
    this.sends.reset();
    this.transaction?.abort().catch(() => undefined);
    this.transaction = undefined;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** The producer, or under exactly_once_v2 the transaction open until the next commit. */
  private async sender(): Promise<Producer | Transaction> {
    if (this.guarantee === "at_least_once") return this.producer!;
    this.transaction ??= await this.producer!.transaction();
    return this.transaction;
  }

  /**
   * Sends records that belong to no input batch (wall-clock punctuation), in order with the
   * batches; they commit with the next interval's offsets.
   */
  emit(collect: () => OutgoingRecord[]): Promise<void> {
    return this.exclusive(() => this.sends.add(collect()));
  }

  /**
   * Commits what was processed so far: the handlers' pending records (changelogs) are sent, every
   * send is awaited, then the input offsets (with their metadata) commit; under exactly_once_v2
   * outputs and offsets commit in one transaction (`sendOffsets`).
   */
  commit(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.consumer) return;
      await this.sends.add(this.handlers?.onCommit?.() ?? []);
      await this.sends.idle();
      this.throwSendFailure();
      const pending = [...this.pending.values()];
      const offsets = pending.map(({ tp, offset }) => ({
        ...tp,
        offset,
        metadata: this.handlers?.commitMetadata?.(tp) ?? null,
      }));
      this.pending.clear();
      if (this.guarantee === "exactly_once_v2") return this.commitTransaction(offsets);
      try {
        if (offsets.length > 0) await this.consumer.commitOffsets(offsets);
      } catch (error) {
        // The next commit retries them, for the partitions still ours and not processed further.
        for (const entry of pending) {
          const key = partitionKey(entry.tp);
          if (this.active.has(key) && !this.pending.has(key)) this.pending.set(key, entry);
        }
        throw error;
      }
    });
  }

  private async commitTransaction(offsets: (TopicPartition & { offset: string })[]) {
    if (offsets.length > 0) {
      const transaction = (await this.sender()) as Transaction;
      const byTopic = new Map<string, { partition: number; offset: string }[]>();
      for (const { topic, ...partition } of offsets) {
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
      }
      const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
      await transaction.sendOffsets({ consumerGroupId: this.applicationId, topics });
    }
    const transaction = this.transaction;
    this.transaction = undefined;
    try {
      await transaction?.commit();
    } catch (error) {
      await transaction?.abort().catch(() => undefined);
      throw error;
    }
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
    clearInterval(this.commitTimer);
    await this.batchInProgress;
    await this.commit().catch(() => undefined);
    await this.disconnectAll();
    await this.lifecycle;
    await this.revokeAll();
    this.handlers = undefined;
    this.setStatus({ state: "stopped", assigned: [] });
  }

  /**
   * Ends the tasks of every partition held: on stop, or when a crashed consumer left the group
   * (Kafka Streams' onPartitionsLost): its member is gone, so its uncommitted offsets can no
   * longer commit and whoever gets the partitions next resumes from the last commit.
   */
  private async revokeAll(): Promise<void> {
    const revoked = this.assignment();
    this.active.clear();
    this.pending.clear();
    this.positions.clear();
    if (revoked.length > 0) await this.handlers?.onRevoked?.(revoked);
    this.setStatus({ assigned: [] });
  }

  private async disconnectAll(): Promise<void> {
    clearInterval(this.commitTimer);
    await this.consumer?.disconnect().catch(() => undefined);
    await this.changelogs?.stop().catch(() => undefined);
    await this.global?.stop().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.changelogs = undefined;
    this.global = undefined;
    this.producer = undefined;
  }
}
