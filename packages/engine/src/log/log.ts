// The Log contract: partitioned topics of byte records with offsets, plus committed offsets per
// application. Async only at batch boundaries; `commit` hands a task's outputs, changelog
// records and input offsets over in ONE call so a durable log can make them atomic (exactly-once).

export type Headers = Record<string, string>;

/** A record to append; without `partition` the log's partitioner picks one from the key. */
export interface ProducerRecord {
  topic: string;
  partition?: number;
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Headers;
}

/** A stored record, as a consumer reads it. */
export interface LogRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Headers;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Next offset to read for one input partition (Kafka's committed offset semantics). */
export interface OffsetCommit extends TopicPartition {
  offset: number;
  /** Kafka's commit metadata: a stream task writes its stream time there. */
  metadata?: string;
}

/** Everything one task commit makes visible together. */
export interface CommitBatch {
  applicationId: string;
  records: ProducerRecord[];
  offsets: OffsetCommit[];
}

export interface TopicConfig {
  partitions: number;
  /** Changelog topics are compacted: only the latest value per key must survive. */
  compacted?: boolean;
  /**
   * Records older than this (by timestamp, against the wall clock) may be deleted, compacted
   * or not: a window store's changelog is Kafka's `compact,delete` topic.
   */
  retentionMs?: number;
}

export interface Log {
  /** Creates the topic if absent; an existing topic keeps its partition count. */
  createTopic(name: string, config: TopicConfig): Promise<void>;
  /** Partition count, or undefined when the topic does not exist. */
  partitions(topic: string): Promise<number | undefined>;
  /** Appends outside any application commit (producers, test input). Returns offsets. */
  append(records: ProducerRecord[]): Promise<LogRecord[]>;
  /** Up to `max` records of one partition starting at `offset`. */
  read(topic: string, partition: number, offset: number, max: number): Promise<LogRecord[]>;
  /** Offset the next appended record will get. */
  endOffset(topic: string, partition: number): Promise<number>;
  committed(applicationId: string, topic: string, partition: number): Promise<number | undefined>;
  /** The metadata committed with that offset, if any. */
  committedMetadata(
    applicationId: string,
    topic: string,
    partition: number,
  ): Promise<string | undefined>;
  /** Appends the records and moves the committed offsets atomically. */
  commit(batch: CommitBatch): Promise<void>;
  /**
   * Kafka's Admin#deleteRecords: each partition's records below `offset` go and its start offset
   * moves there (Kafka Streams purges consumed repartition records this way).
   */
  deleteRecords(before: readonly OffsetCommit[]): Promise<void>;
  close(): Promise<void>;
}
