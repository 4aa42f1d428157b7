// What a processor sees of its task: the current record's metadata, stream time, stores,
// the record collector, punctuation scheduling and dead-letter routing.
import type { Headers, LogRecord, ProducerRecord } from "../log/log";
import type { StateStore } from "../state/store";
import type { Metrics } from "./metrics";

export type PunctuationType = "stream-time" | "wall-clock";
export type Punctuator = (time: number) => void;

interface Schedule {
  type: PunctuationType;
  interval: number;
  next: number;
  punctuator: Punctuator;
}

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  reason: string;
}

/** Runtime services a task gets from its driver (test driver or deployment). */
export interface TaskEnv {
  readonly applicationId: string;
  readonly metrics: Metrics;
  readonly globalStores: Map<string, StateStore>;
  partitionsOf(topic: string): number;
  /** Full name of a topic named in the graph (repartition topics get the application id). */
  resolveTopic(topic: string): string;
  wallClock(): number;
  onDeadLetter(letter: DeadLetter): void;
}

export class TaskContext {
  topic = "";
  offset = -1;
  timestamp = 0;
  headers: Headers | undefined = undefined;
  /** Highest timestamp this task has processed (Kafka's partition/stream time). */
  streamTime = Number.NEGATIVE_INFINITY;
  private output: ProducerRecord[] = [];
  private readonly schedules: Schedule[] = [];
  /** Stream time at which the next stream-time punctuator is due (none: never). */
  private streamTimeDue = Number.POSITIVE_INFINITY;

  constructor(
    readonly taskId: string,
    readonly partition: number,
    readonly env: TaskEnv,
    readonly stores: Map<string, StateStore>,
  ) {}

  get applicationId(): string {
    return this.env.applicationId;
  }

  get metrics(): Metrics {
    return this.env.metrics;
  }

  getStore<S extends StateStore>(name: string): S {
    const store = this.stores.get(name) ?? this.env.globalStores.get(name);
    if (!store) throw new Error(`store ${name} is not connected to task ${this.taskId}`);
    return store as S;
  }

  send(record: ProducerRecord): void {
    this.output.push(record);
  }

  /** Output records sent since the last call. */
  drainOutput(): ProducerRecord[] {
    const out = this.output;
    this.output = [];
    return out;
  }

  /** Kafka's ProcessorContext#schedule. Stream-time punctuation fires as records advance time. */
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): void {
    const start = type === "wall-clock" ? this.env.wallClock() : 0;
    this.schedules.push({ type, interval: intervalMs, next: start + intervalMs, punctuator });
    this.streamTimeDue = this.nextDue("stream-time");
  }

  /** Runs after every record; costs one comparison until a stream-time punctuator is due. */
  punctuateStreamTime(): void {
    if (this.streamTime >= this.streamTimeDue) this.punctuate("stream-time", this.streamTime);
  }

  punctuate(type: PunctuationType, time: number): void {
    for (const s of this.schedules) {
      if (s.type !== type || time < s.next) continue;
      s.next = time - ((time - s.next) % s.interval) + s.interval;
      this.timestamp = time;
      s.punctuator(time);
    }
    if (type === "stream-time") this.streamTimeDue = this.nextDue(type);
  }

  private nextDue(type: PunctuationType): number {
    let due = Number.POSITIVE_INFINITY;
    for (const s of this.schedules) if (s.type === type && s.next < due) due = s.next;
    return due;
  }

  deadLetter(record: LogRecord, reason: string): void {
    this.env.metrics.deadLetters++;
    this.env.onDeadLetter({
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: record.key,
      value: record.value,
      reason,
    });
  }
}
