// The worker's embedded topic log: partitioned, offset-addressed, bounded per partition. Test
// records, sample generators, deployments and peeks all go through it. Retention is by count:
// the oldest records of a partition fall off once it holds `retain` records.

export interface LogRecord {
  topic: string;
  partition: number;
  offset: number;
  key: unknown;
  value: unknown;
  timestamp: number;
  headers?: Record<string, string>;
}

export interface ProduceInput {
  key: unknown;
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

type Listener = (record: LogRecord) => void;

interface Partition {
  records: LogRecord[];
  /** Offset of records[0]. */
  start: number;
}

interface TopicState {
  name: string;
  partitions: Partition[];
  listeners: Set<Listener>;
}

export class TopicLog {
  private readonly topics = new Map<string, TopicState>();

  constructor(private readonly retain = 10_000) {}

  /** Creates the topic; an existing topic keeps its partition count (as Kafka's would). */
  declare(name: string, partitions: number): TopicInfo {
    if (!this.topics.has(name)) {
      const parts = Array.from({ length: partitions }, () => ({ records: [], start: 0 }));
      this.topics.set(name, { name, partitions: parts, listeners: new Set() });
    }
    return this.info(name)!;
  }

  info(name: string): TopicInfo | undefined {
    const t = this.topics.get(name);
    if (!t) return undefined;
    const endOffsets = t.partitions.map((p) => p.start + p.records.length);
    return { name, partitions: t.partitions.length, endOffsets };
  }

  list(): TopicInfo[] {
    return [...this.topics.keys()].sort().map((name) => this.info(name)!);
  }

  /** Appends to the key's partition (or the given one); a topic produced to first gets 1 partition. */
  append(topic: string, input: ProduceInput): LogRecord {
    const t = this.topics.get(topic) ?? this.state(this.declare(topic, 1).name);
    const partition = input.partition ?? partitionFor(input.key, t.partitions.length);
    const p = t.partitions[partition];
    if (!p) {
      throw new RangeError(`topic '${topic}' has no partition ${partition}`);
    }
    const record: LogRecord = {
      topic,
      partition,
      offset: p.start + p.records.length,
      key: input.key,
      value: input.value,
      timestamp: input.timestamp ?? Date.now(),
      headers: input.headers,
    };
    p.records.push(record);
    if (p.records.length > this.retain * 1.25) {
      const cut = p.records.length - this.retain;
      p.records.splice(0, cut);
      p.start += cut;
    }
    for (const listener of t.listeners) listener(record);
    return record;
  }

  /** Calls `listener` for every record appended from now on; returns the unsubscribe. */
  subscribe(topic: string, listener: Listener): () => void {
    const t = this.topics.get(topic) ?? this.state(this.declare(topic, 1).name);
    t.listeners.add(listener);
    return () => t.listeners.delete(listener);
  }

  /** The newest `limit` records across partitions, newest last. */
  latest(topic: string, limit: number, partition?: number): LogRecord[] {
    const t = this.topics.get(topic);
    if (!t) return [];
    const parts = partition === undefined ? t.partitions : [t.partitions[partition] ?? emptyPart];
    return parts
      .flatMap((p) => p.records.slice(-limit))
      .sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition)
      .slice(-limit);
  }

  private state(name: string): TopicState {
    return this.topics.get(name)!;
  }
}

const emptyPart: Partition = { records: [], start: 0 };

/** Stable key -> partition: FNV-1a over the key's JSON (Kafka's murmur2 needs the serialized bytes). */
export function partitionFor(key: unknown, partitions: number): number {
  if (key === null || key === undefined) return 0;
  const text = typeof key === "string" ? key : JSON.stringify(key);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}
