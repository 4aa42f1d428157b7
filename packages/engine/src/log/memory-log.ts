// In-memory Log: arrays per partition. Used by tests, `riffle run` and the benchmarks; the
// durable LMDB log and the Kafka log implement the same interface.
import type { CommitBatch, Log, LogRecord, OffsetCommit, ProducerRecord, TopicConfig } from "./log";
import { partitionFor } from "./partitioner";

/** A partition's records from offset `start` on (deleted records are gone from the array). */
interface MemoryPartition {
  start: number;
  records: LogRecord[];
}

interface MemoryTopic {
  config: TopicConfig;
  partitions: MemoryPartition[];
}

export class MemoryLog implements Log {
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly offsets = new Map<string, number>();
  private readonly metadata = new Map<string, string>();

  /** `partitionsOf` gives the partition count of topics created on first append. */
  constructor(private readonly partitionsOf: (topic: string) => number = () => 1) {}

  async createTopic(name: string, config: TopicConfig): Promise<void> {
    this.ensureTopic(name, config);
  }

  async partitions(topic: string): Promise<number | undefined> {
    return this.topics.get(topic)?.partitions.length;
  }

  async append(records: ProducerRecord[]): Promise<LogRecord[]> {
    return this.appendSync(records);
  }

  /** Synchronous append for callers that own the log (test driver, benchmarks). */
  appendSync(records: ProducerRecord[]): LogRecord[] {
    const written: LogRecord[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) written[i] = this.appendOne(records[i]);
    return written;
  }

  async read(topic: string, partition: number, offset: number, max: number): Promise<LogRecord[]> {
    const log = this.topics.get(topic)?.partitions[partition];
    if (!log) return [];
    const from = Math.max(0, offset - log.start);
    return log.records.slice(from, from + max);
  }

  async endOffset(topic: string, partition: number): Promise<number> {
    const log = this.topics.get(topic)?.partitions[partition];
    return log === undefined ? 0 : log.start + log.records.length;
  }

  async committed(applicationId: string, topic: string, partition: number) {
    return this.offsets.get(offsetKey(applicationId, topic, partition));
  }

  async committedMetadata(applicationId: string, topic: string, partition: number) {
    return this.metadata.get(offsetKey(applicationId, topic, partition));
  }

  async commit(batch: CommitBatch): Promise<void> {
    this.appendSync(batch.records);
    for (const o of batch.offsets) {
      const key = offsetKey(batch.applicationId, o.topic, o.partition);
      this.offsets.set(key, o.offset);
      if (o.metadata === undefined) this.metadata.delete(key);
      else this.metadata.set(key, o.metadata);
    }
  }

  async deleteRecords(before: readonly OffsetCommit[]): Promise<void> {
    for (const { topic, partition, offset } of before) {
      const log = this.topics.get(topic)?.partitions[partition];
      if (!log || offset <= log.start) continue;
      const count = Math.min(offset - log.start, log.records.length);
      log.records.splice(0, count);
      log.start += count;
    }
  }

  async close(): Promise<void> {}

  /** Every record of a topic, partition by partition (tests and `riffle run`). */
  records(topic: string): LogRecord[] {
    return (this.topics.get(topic)?.partitions ?? []).flatMap((p) => p.records);
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  private ensureTopic(name: string, config: TopicConfig): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      const partitions = Array.from({ length: config.partitions }, () => ({
        start: 0,
        records: [],
      }));
      topic = { config, partitions };
      this.topics.set(name, topic);
    }
    return topic;
  }

  private appendOne(record: ProducerRecord): LogRecord {
    const topic = this.ensureTopic(record.topic, { partitions: this.partitionsOf(record.topic) });
    const partition = record.partition ?? partitionFor(record.key, topic.partitions.length);
    const log = topic.partitions[partition];
    if (!log) throw new RangeError(`topic ${record.topic} has no partition ${partition}`);
    const stored: LogRecord = {
      topic: record.topic,
      partition,
      offset: log.start + log.records.length,
      timestamp: record.timestamp,
      key: record.key,
      value: record.value,
      headers: record.headers,
    };
    log.records.push(stored);
    return stored;
  }
}

function offsetKey(applicationId: string, topic: string, partition: number): string {
  return `${applicationId}\u0000${topic}\u0000${partition}`;
}
