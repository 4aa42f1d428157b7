// TopologyTestDriver: runs a topology synchronously and deterministically without a broker.
// Piped records are processed to completion at once; records written to topics the topology
// itself reads (repartition topics, through-topics) are processed immediately, in order.
// Every output, changelog record and dead letter is kept for inspection.

import { WINDOW_END_HEADER, WINDOW_START_HEADER } from "../kstream/internals/sink-node";
import type { Headers, LogRecord, ProducerRecord } from "../log/log";
import { MemoryLog } from "../log/memory-log";
import { partitionFor } from "../log/partitioner";
import type { MetricsSnapshot } from "../processor/metrics";
import type { TimeWindow } from "../processor/processor";
import type { DeadLetter } from "../processor/task-context";
import { TaskManager } from "../processor/task-manager";
import type { Topology } from "../processor/topology";
import type { StateStore } from "../state/store";
import { decodeRecord, serdesFor, type TopicSerdes, topicSerdes } from "./topic-serdes";

export interface TestRecord {
  topic: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  partition?: number;
  headers?: Headers;
  window?: TimeWindow;
}

export interface TestDriverOptions {
  /** Initial wall-clock time in ms (default 0). */
  wallClockMs?: number;
}

export class TopologyTestDriver {
  readonly log: MemoryLog;
  readonly deadLetters: DeadLetter[] = [];
  /** Every record written to a non-internal topic, in production order. */
  private readonly produced: LogRecord[] = [];
  private readonly readPosition = new Map<string, number>();
  private readonly manager: TaskManager;
  private readonly serdes: Map<string, TopicSerdes>;
  private wallClock: number;

  constructor(
    readonly topology: Topology,
    options: TestDriverOptions = {},
  ) {
    this.wallClock = options.wallClockMs ?? 0;
    this.log = new MemoryLog(topology.partitionsOf);
    this.manager = new TaskManager(topology, {
      wallClock: () => this.wallClock,
      onDeadLetter: (letter) => this.deadLetters.push(letter),
    });
    this.serdes = topicSerdes(topology);
    for (const [name, config] of topology.internalTopics) this.log.createTopic(name, config);
  }

  /** Serializes with the serdes the topology reads the topic with, then processes the record. */
  pipeInput(
    topic: string,
    key: unknown,
    value: unknown,
    timestamp: number,
    headers?: Headers,
  ): void {
    const serdes = this.serdesOf(topic);
    this.pipeRaw({
      topic,
      key: serdes.keySerde.serialize(key),
      value: serdes.valueSerde.serialize(value),
      timestamp,
      headers,
    });
  }

  /** Pipes record lines; a `window` travels in the headers a windowed sink writes it to. */
  pipeRecords(records: Iterable<TestRecord>): void {
    for (const r of records) {
      const headers = r.window
        ? {
            ...r.headers,
            [WINDOW_START_HEADER]: String(r.window.start),
            [WINDOW_END_HEADER]: String(r.window.end),
          }
        : r.headers;
      this.pipeInput(r.topic, r.key, r.value, r.timestamp, headers);
    }
  }

  /** Pipes an already-serialized record (e.g. bytes that may not decode); returns it as stored. */
  pipeRaw(record: ProducerRecord): LogRecord {
    const partitions = this.topology.partitionsOf(record.topic);
    const partition = record.partition ?? partitionFor(record.key, partitions);
    const [stored] = this.log.appendSync([{ ...record, partition }]);
    this.process(stored);
    return stored;
  }

  /** The serdes the topology reads (or writes) a topic with: a dynamic sink's for topics only
   *  it names, JSON for unknown topics. */
  serdesOf(topic: string): TopicSerdes {
    return serdesFor(this.serdes, topic);
  }

  advanceWallClockTime(ms: number): void {
    this.wallClock += ms;
    for (const task of this.manager.allTasks()) {
      task.punctuateWallClock(this.wallClock);
      this.flush(task);
    }
  }

  /** Output records of a topic not read yet, decoded with the sink's serdes. */
  readOutput(topic: string): TestRecord[] {
    const all = this.produced.filter((r) => r.topic === topic);
    const from = this.readPosition.get(topic) ?? 0;
    this.readPosition.set(topic, all.length);
    return all.slice(from).map((r) => this.decode(r));
  }

  /** Every output record so far, all topics, in the order produced. */
  allOutput(): TestRecord[] {
    return this.produced.map((r) => this.decode(r));
  }

  getStore<S extends StateStore>(name: string, partition = 0): S {
    const store = this.manager.store<S>(name, partition);
    if (!store) throw new Error(`no store named ${name}`);
    return store;
  }

  metrics(): MetricsSnapshot {
    return this.manager.metrics.snapshot(this.manager.storeSizes());
  }

  get taps() {
    return this.manager.taps;
  }

  close(): void {
    for (const task of this.manager.allTasks()) for (const s of task.stores.values()) s.close();
  }

  private process(first: LogRecord): void {
    const queue = [first];
    // An index, not shift(): a record fanned out to many keeps the queue long.
    for (let i = 0; i < queue.length; i++) {
      const r = queue[i];
      const task = this.manager.taskFor(r.topic, r.partition);
      if (!task) continue;
      task.process(r);
      for (const next of this.flush(task)) queue.push(next);
    }
  }

  /** Moves a task's outputs and changelog into the log; returns records to process next. */
  private flush(task: ReturnType<TaskManager["allTasks"]>[number]): LogRecord[] {
    const written = this.log.appendSync(task.drainOutput());
    for (const changelog of task.drainChangelog()) this.log.appendSync([...changelog]);
    for (const r of written) if (!this.topology.internalTopics.has(r.topic)) this.produced.push(r);
    return written.filter((r) => this.manager.isSourceTopic(r.topic));
  }

  private decode(r: LogRecord): TestRecord {
    const { headers: _headers, ...record } = decodeRecord(this.serdes, r);
    return record;
  }
}
