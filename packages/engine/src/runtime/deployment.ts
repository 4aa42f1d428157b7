// A running deployment: every task of a topology polling its input partitions on a Log,
// committing at batch boundaries under Kafka Streams' processing guarantees, with stores
// restored (from checkpoints when persistent) before processing starts.
import type { Log, LogRecord, OffsetCommit, ProducerRecord } from "../log/log";
import { decodeChangelog } from "../processor/changelog-codec";
import type { MetricsSnapshot } from "../processor/metrics";
import type { StreamTask } from "../processor/stream-task";
import { decodeStreamTime, encodeStreamTime } from "../processor/stream-time-metadata";
import type { DeadLetter } from "../processor/task-context";
import { TaskManager } from "../processor/task-manager";
import type { Topology } from "../processor/topology";
import { StateDirectory, type StoreCheckpoint } from "../state/persistent";
import { changelogTopic, type StateStore } from "../state/store";
import { deadLetterRecord, deadLetterTopic } from "./dead-letters";
import { fetch, type InputPartition, inputPartition, processRound } from "./input-partitions";
import { InvalidStateStoreError, type QueryableStore, queryableStore } from "./queryable-store";

export type ProcessingGuarantee = "at_least_once" | "exactly_once_v2";
/** Kafka's auto.offset.reset: where a partition without a committed offset starts. */
export type OffsetResetPolicy = "earliest" | "latest";
export type DeploymentStatus = "restoring" | "running" | "stopped" | "failed";

export interface DeploymentOptions {
  topology: Topology;
  log: Log;
  /** Kafka Streams' processing.guarantee; at_least_once by default. */
  guarantee?: ProcessingGuarantee;
  /** commit.interval.ms: 100 under exactly_once_v2, 30000 under at_least_once, as Kafka Streams. */
  commitIntervalMs?: number;
  /** Directory for persistent store checkpoints; stores restore from the full changelog without it. */
  stateDir?: string;
  /**
   * auto.offset.reset, for input partitions the application has no committed offset for:
   * one policy, or one per source topic (Consumed#withOffsetResetPolicy). Kafka Streams'
   * default is "earliest". A committed offset always wins.
   */
  offsetReset?: OffsetResetPolicy | Record<string, OffsetResetPolicy>;
  /**
   * repartition.purge.interval.ms: at the first commit this long after the last purge, the
   * repartition records the application has consumed are deleted. Kafka Streams' 30 s default.
   */
  repartitionPurgeIntervalMs?: number;
  /** Records fetched per input partition per poll (max.poll.records). */
  maxPollRecords?: number;
  /** How long an idle poll waits before looking again. */
  idleWaitMs?: number;
  wallClock?: () => number;
  /** Stop with status failed on the first dead letter instead of routing it to the DLQ topic. */
  failFast?: boolean;
  /** Sink output once it is durable (and visible to read_committed readers). */
  onOutput?: (records: ProducerRecord[]) => void;
  onStatus?: (status: DeploymentStatus, error?: Error) => void;
}

export interface DeploymentMetrics extends MetricsSnapshot {
  /** Records per input topic-partition not yet processed (end offset minus position). */
  lag: Record<string, number>;
  committedRecords: number;
}

/** How often lag (end offset minus position) is measured for metrics. */
const LAG_INTERVAL_MS = 1000;
/**
 * Kafka Streams' OFFSET_DELTA_THRESHOLD_FOR_CHECKPOINT: persistent stores are flushed with
 * their checkpoint once this many changelog records were committed since the last one, and at
 * close, not at every commit; a crash replays at most about this many records per store.
 */
const CHECKPOINT_DELTA = 10_000;

interface RunningTask {
  task: StreamTask;
  inputs: InputPartition[];
  checkpoints: Map<string, StoreCheckpoint>;
}

export class Deployment {
  readonly manager: TaskManager;
  readonly finished: Promise<void>;
  private state: DeploymentStatus = "restoring";
  private error: Error | undefined;
  private stopping = false;
  private readonly guarantee: ProcessingGuarantee;
  private readonly commitIntervalMs: number;
  private readonly storeOfChangelog = new Map<string, string>();
  private readonly deadLetters: DeadLetter[] = [];
  private readonly lag: Record<string, number> = {};
  private running: RunningTask[] = [];
  private stateDirectory: StateDirectory | undefined;
  private committedRecords = 0;
  private changelogSinceCheckpoint = 0;
  private lastPurge = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly options: DeploymentOptions) {
    this.guarantee = options.guarantee ?? "at_least_once";
    this.commitIntervalMs =
      options.commitIntervalMs ?? (this.guarantee === "exactly_once_v2" ? 100 : 30_000);
    this.manager = new TaskManager(options.topology, {
      wallClock: options.wallClock ?? Date.now,
      onDeadLetter: (letter) => this.deadLetters.push(letter),
    });
    for (const name of options.topology.stores.keys()) {
      this.storeOfChangelog.set(changelogTopic(options.topology.applicationId, name), name);
    }
    this.finished = this.run().catch((error: Error) => this.fail(error));
  }

  get applicationId(): string {
    return this.options.topology.applicationId;
  }

  status(): DeploymentStatus {
    return this.state;
  }

  lastError(): Error | undefined {
    return this.error;
  }

  metrics(): DeploymentMetrics {
    return {
      ...this.manager.metrics.snapshot(this.manager.storeSizes()),
      lag: { ...this.lag },
      committedRecords: this.committedRecords,
    };
  }

  /** A task's store, for interactive queries (Kafka Streams' KafkaStreams#store). */
  store<S extends StateStore>(name: string, partition = 0): S | undefined {
    return this.manager.store<S>(name, partition);
  }

  /** Store `name` across all tasks, read-only (interactive queries); undefined if unknown. */
  queryableStore(name: string): QueryableStore | undefined {
    if (this.state !== "running") {
      throw new InvalidStateStoreError(`deployment ${this.applicationId} is ${this.state}`);
    }
    return queryableStore(
      name,
      this.manager.allTasks().map((t) => t.stores.get(name)),
    );
  }

  get taps() {
    return this.manager.taps;
  }

  /** Commits what was processed, closes stores and ends the loop. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.finished;
  }

  private async run(): Promise<void> {
    const { log, topology } = this.options;
    for (const [name, config] of topology.internalTopics) await log.createTopic(name, config);
    // Sources and sinks exist with the partition counts the topology was built with, so the
    // sinks' partitioner and the log agree (an existing topic keeps its own count).
    for (const t of [...topology.sourceTopics, ...topology.sinkTopics]) {
      await log.createTopic(t, { partitions: topology.partitionsOf(t) });
    }
    await log.createTopic(deadLetterTopic(topology.applicationId), { partitions: 1 });
    if (this.options.stateDir) this.stateDirectory = new StateDirectory(this.options.stateDir);
    this.running = [];
    for (const task of this.manager.allTasks()) this.running.push(await this.prepare(task));
    this.setStatus("running");
    let lastCommit = this.now();
    let uncommitted = 0;
    let lastLag = 0;
    while (!this.stopping) {
      const processed = await this.pollOnce();
      uncommitted += processed;
      const now = this.now();
      for (const { task } of this.running) task.punctuateWallClock(now);
      if (this.guarantee === "at_least_once") await this.flushOutput();
      // Commits follow commit.interval.ms, as Kafka Streams': under exactly-once that bounds
      // both how late outputs become visible (100 ms) and how often the log syncs.
      if (uncommitted > 0 && now - lastCommit >= this.commitIntervalMs) {
        await this.commit();
        lastCommit = now;
        uncommitted = 0;
      }
      if (now - lastLag >= LAG_INTERVAL_MS) {
        await this.measureLag();
        lastLag = now;
      }
      if (this.state === "failed") return;
      if (processed === 0) await this.idle();
    }
    await this.commit(true);
    await this.close();
    this.setStatus("stopped");
  }

  private async prepare(task: StreamTask): Promise<RunningTask> {
    const { log, topology } = this.options;
    const checkpoints = new Map<string, StoreCheckpoint>();
    const changelogPartition = task === this.manager.global ? 0 : task.partition;
    for (const [name, store] of task.stores) {
      const supplier = topology.stores.get(name);
      if (!supplier?.logged) continue;
      const checkpoint = this.stateDirectory?.store(supplier, changelogPartition);
      if (checkpoint) checkpoints.set(name, checkpoint);
      const from = checkpoint?.load(store) ?? 0;
      const topic = changelogTopic(topology.applicationId, name);
      const tail = await readAll(log, topic, changelogPartition, from);
      task.restore(name, tail);
      // The tail joins the write cache: the next checkpoint then covers it, not only new writes.
      checkpoint?.stage(tail.map(decodeChangelog));
      this.changelogSinceCheckpoint += tail.length;
    }
    const isGlobal = task === this.manager.global;
    const inputs: InputPartition[] = [];
    for (const topic of task.sub.sourceTopics) {
      const partitions = isGlobal ? topology.partitionsOf(topic) : 1;
      for (let i = 0; i < partitions; i++) {
        const p = isGlobal ? i : task.partition;
        const committed = await log.committed(topology.applicationId, topic, p);
        // A global table is always read from the start, whatever the reset policy.
        const reset = isGlobal ? 0 : await this.resetOffset(topic, p);
        inputs.push(inputPartition(topic, p, committed ?? reset));
        if (!isGlobal) await this.resumeStreamTime(task, topic);
      }
    }
    return { task, inputs, checkpoints };
  }

  /**
   * A task resumes at the stream time it had committed (Kafka Streams' partition time in the
   * committed offset's metadata), so stream-time punctuation and late records see the time it
   * had reached, not the first record after the restart.
   */
  private async resumeStreamTime(task: StreamTask, topic: string): Promise<void> {
    const { log, topology } = this.options;
    const metadata = await log.committedMetadata(topology.applicationId, topic, task.partition);
    const committed = decodeStreamTime(metadata);
    if (committed > task.ctx.streamTime) task.ctx.streamTime = committed;
  }

  private async resetOffset(topic: string, partition: number): Promise<number> {
    const reset = this.options.offsetReset;
    const policy = typeof reset === "string" ? reset : reset?.[topic];
    return policy === "latest" ? this.options.log.endOffset(topic, partition) : 0;
  }

  private async pollOnce(): Promise<number> {
    const max = this.options.maxPollRecords ?? 1000;
    let processed = 0;
    for (const r of this.running) {
      if (!(await fetch(this.options.log, r.inputs, max))) continue;
      processed += processRound(r.inputs, (record) => r.task.process(record));
      if (this.options.failFast && this.deadLetters.length > 0) {
        const letter = this.deadLetters[0];
        throw new Error(
          `fail-fast: ${letter.topic}-${letter.partition}@${letter.offset}: ${letter.reason}`,
        );
      }
    }
    return processed;
  }

  /** at_least_once: outputs become visible right away; offsets follow at the next commit. */
  private async flushOutput(): Promise<void> {
    const records = this.drain();
    if (records.length === 0) return;
    await this.options.log.append(records);
    this.published(records);
  }

  /** exactly_once_v2: outputs, changelog, dead letters and offsets in one atomic commit. */
  private async commit(closing = false): Promise<void> {
    const records = this.drain();
    const offsets = this.running.flatMap(({ task }) => {
      const metadata = encodeStreamTime(task.ctx.streamTime) ?? undefined;
      return task.offsets().map((o) => ({ ...o, metadata }));
    });
    await this.options.log.commit({ applicationId: this.applicationId, records, offsets });
    this.published(records);
    if (closing || this.changelogSinceCheckpoint >= CHECKPOINT_DELTA) await this.flushCheckpoints();
    await this.purgeRepartitionTopics(offsets);
  }

  /**
   * Repartition topics are the application's own: what it has committed past is never read
   * again, so it is deleted (Kafka Streams' purge), and the log does not grow with every record
   * that crosses a repartition.
   */
  private async purgeRepartitionTopics(committed: OffsetCommit[]): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < (this.options.repartitionPurgeIntervalMs ?? 30_000)) return;
    this.lastPurge = now;
    const internal = this.options.topology.internalTopics;
    const consumed = committed.filter((o) => {
      const config = internal.get(o.topic);
      return config !== undefined && !config.compacted;
    });
    if (consumed.length > 0) await this.options.log.deleteRecords(consumed);
  }

  private drain(): ProducerRecord[] {
    const records: ProducerRecord[] = [];
    for (const { task, checkpoints } of this.running) {
      // A loop, not push(...spread): one commit may hold more records than a call's arguments.
      for (const r of task.drainOutput()) records.push(r);
      for (const changelog of task.drainChangelog()) {
        const store = this.storeOfChangelog.get(changelog.topic);
        const checkpoint = store === undefined ? undefined : checkpoints.get(store);
        for (const c of changelog) {
          records.push(c);
          checkpoint?.stage([decodeChangelog(c as LogRecord)]);
        }
        this.changelogSinceCheckpoint += changelog.length;
      }
    }
    for (const letter of this.deadLetters.splice(0)) {
      records.push(deadLetterRecord(this.applicationId, letter));
    }
    return records;
  }

  private published(records: ProducerRecord[]): void {
    this.committedRecords += records.length;
    const internal = this.options.topology.internalTopics;
    const outputs = records.filter(
      (r) => !internal.has(r.topic) && !this.storeOfChangelog.has(r.topic),
    );
    if (outputs.length > 0) this.options.onOutput?.(outputs);
  }

  /** Checkpoints follow the commit that made their changelog records durable, never precede it. */
  private async flushCheckpoints(): Promise<void> {
    if (!this.stateDirectory) return;
    const flushes: [StoreCheckpoint, number][] = [];
    for (const { task, checkpoints } of this.running) {
      for (const [store, checkpoint] of checkpoints) {
        const partition = task === this.manager.global ? 0 : task.partition;
        const topic = changelogTopic(this.applicationId, store);
        flushes.push([checkpoint, await this.options.log.endOffset(topic, partition)]);
      }
    }
    this.stateDirectory.flush(flushes);
    this.changelogSinceCheckpoint = 0;
  }

  private async measureLag(): Promise<void> {
    for (const { inputs } of this.running) {
      for (const i of inputs) {
        const end = await this.options.log.endOffset(i.topic, i.partition);
        this.lag[`${i.topic}-${i.partition}`] = Math.max(
          0,
          end - i.position + (i.buffer.length - i.head),
        );
      }
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.idleWaitMs ?? 20);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async close(): Promise<void> {
    for (const { task } of this.running) for (const s of task.stores.values()) s.close();
    await this.stateDirectory?.close();
  }

  private async fail(error: Error): Promise<void> {
    this.error = error;
    this.setStatus("failed", error);
    await this.close().catch(() => {});
  }

  private setStatus(status: DeploymentStatus, error?: Error): void {
    this.state = status;
    this.options.onStatus?.(status, error);
  }

  private now(): number {
    return (this.options.wallClock ?? Date.now)();
  }
}

/** Starts processing; restore happens first, while the status is `restoring`. */
export function startDeployment(options: DeploymentOptions): Deployment {
  return new Deployment(options);
}

async function readAll(
  log: Log,
  topic: string,
  partition: number,
  from: number,
): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  for (let offset = from; ; ) {
    const batch = await log.read(topic, partition, offset, 10_000);
    if (batch.length === 0) return records;
    records.push(...batch);
    offset = batch[batch.length - 1].offset + 1;
  }
}
