// The worker's view of the embedded log (the engine's DurableLog in the data directory, or its
// MemoryLog): declared topics, test records produced through the API, sample data and peeks,
// with keys and values decoded for JSON. Deployments use the same log through the engine.
import {
  DurableLog,
  type DurableTopicConfig,
  type LogRecord as EngineRecord,
  type Log,
} from "@riffle/engine";
import { AppendBatcher } from "./append-batcher";
import { decode, encodeKey, encodeValue } from "./record-codec";

/** A record as the API shows it. */
export interface TopicRecord {
  topic: string;
  partition: number;
  offset: number;
  key: unknown;
  value: unknown;
  timestamp: number;
  headers?: Record<string, string>;
}

export interface ProduceInput {
  key?: unknown;
  value: unknown;
  timestamp?: number;
  partition?: number;
  headers?: Record<string, string>;
}

export interface TopicInfo {
  name: string;
  partitions: number;
  /** Offset the next record of each partition will get. */
  endOffsets: number[];
}

/** Per partition, the oldest records go once a partition holds this much (durable log). */
const RETENTION_BYTES = 64 * 1024 * 1024;

export class TopicLog {
  /** Topics this process declared or wrote; the log itself may not list its topics. */
  private readonly known = new Set<string>();
  /** Group commit where an append costs a sync; the memory log appends as it is. */
  private readonly appender: Pick<Log, "append"> & { flushed?(): Promise<void> };

  constructor(readonly log: Log & { topicNames?(): string[] }) {
    this.appender = log instanceof DurableLog ? new AppendBatcher(log) : log;
  }

  /** Appends accepted so far are in the log: call before closing it. */
  async flushed(): Promise<void> {
    await this.appender.flushed?.();
  }

  /** Creates the topic; an existing topic keeps its partition count (as Kafka's would). */
  async declare(name: string, partitions: number): Promise<TopicInfo> {
    const config: DurableTopicConfig = { partitions, retentionBytes: RETENTION_BYTES };
    await this.log.createTopic(name, config);
    this.known.add(name);
    return (await this.info(name))!;
  }

  async info(name: string): Promise<TopicInfo | undefined> {
    const partitions = await this.log.partitions(name);
    if (partitions === undefined) return undefined;
    const endOffsets = await Promise.all(
      Array.from({ length: partitions }, (_, p) => this.log.endOffset(name, p)),
    );
    return { name, partitions, endOffsets };
  }

  async list(): Promise<TopicInfo[]> {
    const names = [...new Set([...this.known, ...(this.log.topicNames?.() ?? [])])].sort();
    return (await Promise.all(names.map((n) => this.info(n)))).filter((t) => t !== undefined);
  }

  /** Appends to each record's key partition (or the given one); a new topic gets 1 partition. */
  async append(topic: string, inputs: ProduceInput[]): Promise<TopicRecord[]> {
    const now = Date.now();
    this.known.add(topic);
    const written = await this.appender.append(
      inputs.map((r) => ({
        topic,
        partition: r.partition,
        timestamp: r.timestamp ?? now,
        key: encodeKey(r.key),
        value: encodeValue(r.value),
        headers: r.headers,
      })),
    );
    return written.map(toTopicRecord);
  }

  /** The newest `limit` records across partitions (or of one), oldest first. */
  async latest(topic: string, limit: number, partition?: number): Promise<TopicRecord[]> {
    const partitions = (await this.log.partitions(topic)) ?? 0;
    const which = partition === undefined ? [...Array(partitions).keys()] : [partition];
    const reads = await Promise.all(
      which.map(async (p) => {
        const end = await this.log.endOffset(topic, p);
        return this.log.read(topic, p, Math.max(0, end - limit), limit);
      }),
    );
    return reads
      .flat()
      .sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset)
      .slice(-limit)
      .map(toTopicRecord);
  }
}

const UNREAD = Symbol("unread");

/**
 * Key and value are decoded when first read (they are enumerable getters, so JSON and spreads
 * see them): a produce request that answers with positions, or a sample generator, never pays
 * for decoding what it has just encoded.
 */
export function toTopicRecord(r: EngineRecord): TopicRecord {
  let key: unknown = UNREAD;
  let value: unknown = UNREAD;
  return {
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    get key() {
      if (key === UNREAD) key = decode(r.key);
      return key;
    },
    get value() {
      if (value === UNREAD) value = decode(r.value);
      return value;
    },
    timestamp: r.timestamp,
    headers: r.headers,
  };
}
