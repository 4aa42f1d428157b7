// The embedded runtime's durable Log on LMDB: partitioned topics on disk as record batches,
// committed offsets per application, retention and changelog compaction. One LMDB transaction
// per `commit` makes a task's outputs, changelog records and input offsets visible together.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statfsSync,
  statSync,
} from "node:fs";
import { join } from "node:path";
import { type Database, open, type RootDatabase } from "lmdb";
import type {
  CommitBatch,
  Log,
  LogRecord,
  OffsetCommit,
  ProducerRecord,
  TopicConfig,
} from "../log";
import { partitionFor } from "../partitioner";
import { decodeBatch, encodeBatch, recordSize, recordsSize } from "./record-batch";
import { LogCorruptError, LogFullError } from "./storage-errors";

export interface DurableTopicConfig extends TopicConfig {
  /** A partition larger than this loses its oldest records in `maintain`. */
  retentionBytes?: number;
}

export interface DurableLogOptions {
  /** Directory holding `log.mdb`; created when missing. */
  dir: string;
  /** Partition count of topics first seen through `append`. */
  defaultPartitions?: number;
}

interface PartitionState {
  /** First offset still stored (advances with retention). */
  start: number;
  /** Offset the next record gets. */
  end: number;
  bytes: number;
}

/** Format 2 stores record batches (format 1 stored one LMDB value per record). */
const FORMAT = 2;
/** A batch holds at most this many records, so a reader starting mid-batch decodes little. */
const BATCH_RECORDS = 1000;
/**
 * Free disk space a write must leave: LMDB copies B-tree pages on write, and its native layer
 * does not always survive ENOSPC part-way through a commit (it can abort the process), so a
 * write that might not fit is refused before LMDB sees it.
 */
const DISK_RESERVE_BYTES = 256 * 1024;

export class DurableLog implements Log {
  readonly file: string;
  private readonly root: RootDatabase;
  private readonly meta: Database;
  private readonly topics: Database<DurableTopicConfig, string>;
  private readonly partitionStates: Database<PartitionState, [string, number]>;
  /** Record batches by [topic, partition, offset of their first record]. */
  private readonly records: Database<Buffer, [string, number, number]>;
  private readonly offsets: Database<number, [string, string, number]>;
  /** Commit metadata by the same key as `offsets` (a database of its own: older files lack it). */
  private readonly offsetMetadata: Database<string, [string, string, number]>;
  /** Topic configs read once: appends look them up per record. Cleared when a write fails. */
  private readonly topicCache = new Map<string, DurableTopicConfig>();

  constructor(private readonly options: DurableLogOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.file = join(options.dir, "log.mdb");
    this.root = openChecked(this.file);
    this.meta = this.root.openDB({ name: "meta" });
    this.topics = this.root.openDB({ name: "topics" });
    this.partitionStates = this.root.openDB({ name: "partitions" });
    this.records = this.root.openDB({ name: "records", encoding: "binary" });
    this.offsets = this.root.openDB({ name: "offsets" });
    this.offsetMetadata = this.root.openDB({ name: "offset-metadata" });
    this.checkFormat();
  }

  async createTopic(name: string, config: DurableTopicConfig): Promise<void> {
    if (this.topicConfig(name)) return;
    await this.write(() => this.ensureTopic(name, config));
  }

  /** Every topic, whether declared or created by a first append (a dynamic sink's). */
  topicNames(): string[] {
    return [...this.topics.getKeys()] as string[];
  }

  async partitions(topic: string): Promise<number | undefined> {
    return this.topicConfig(topic)?.partitions;
  }

  async append(records: ProducerRecord[]): Promise<LogRecord[]> {
    return this.write(() => this.appendAll(records), recordsBytes(records));
  }

  async read(topic: string, partition: number, offset: number, max: number): Promise<LogRecord[]> {
    const out: LogRecord[] = [];
    const range = this.records.getRange({
      start: [topic, partition, this.batchHolding(topic, partition, offset)],
      end: [topic, partition, Number.MAX_SAFE_INTEGER],
    });
    for (const { key, value } of range) {
      const at = Math.max(offset, key[2]);
      const records = this.decode(value, topic, partition, at, offset, max - out.length);
      for (const r of records) out.push(r);
      if (out.length >= max) break;
    }
    return out;
  }

  async endOffset(topic: string, partition: number): Promise<number> {
    return this.partitionStates.get([topic, partition])?.end ?? 0;
  }

  /** First offset still stored in a partition (after retention). */
  async startOffset(topic: string, partition: number): Promise<number> {
    return this.partitionStates.get([topic, partition])?.start ?? 0;
  }

  async committed(applicationId: string, topic: string, partition: number) {
    return this.offsets.get([applicationId, topic, partition]);
  }

  async committedMetadata(applicationId: string, topic: string, partition: number) {
    return this.offsetMetadata.get([applicationId, topic, partition]);
  }

  async commit(batch: CommitBatch): Promise<void> {
    await this.write(() => {
      this.appendAll(batch.records);
      for (const o of batch.offsets) {
        const key: [string, string, number] = [batch.applicationId, o.topic, o.partition];
        this.offsets.put(key, o.offset);
        if (o.metadata === undefined) this.offsetMetadata.remove(key);
        else this.offsetMetadata.put(key, o.metadata);
      }
    }, recordsBytes(batch.records));
  }

  /** Compacts changelog topics, then applies retention (both, on a `compact,delete` topic). */
  async maintain(now = Date.now()): Promise<void> {
    await this.write(() => {
      for (const { key: name, value: config } of this.topics.getRange()) {
        for (let p = 0; p < config.partitions; p++) {
          if (config.compacted) this.compactPartition(name, p);
          this.retainPartition(name, p, config, now);
        }
      }
    });
  }

  async deleteRecords(before: readonly OffsetCommit[]): Promise<void> {
    await this.write(() => {
      for (const { topic, partition, offset } of before) {
        const batches = this.batchesOf(topic, partition, offset);
        this.dropHead(topic, partition, batches, (r) => r.offset < offset);
      }
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }

  /** Offset of the first record of the batch holding `offset` (or of the first batch after it). */
  private batchHolding(topic: string, partition: number, offset: number): number {
    const before = this.records.getKeys({
      start: [topic, partition, offset],
      end: [topic, partition, -1],
      reverse: true,
      limit: 1,
    });
    for (const key of before) return key[2];
    return offset;
  }

  /** Records of a batch from offset `from`; a damaged batch is an error naming `at`. */
  private decode(
    batch: Uint8Array,
    topic: string,
    partition: number,
    at: number,
    from = 0,
    max = Number.MAX_SAFE_INTEGER,
  ) {
    const records = decodeBatch(batch, topic, partition, from, max);
    if (!records) throw new LogCorruptError(this.file, `record ${topic}-${partition}@${at}`);
    return records;
  }

  private topicConfig(name: string): DurableTopicConfig | undefined {
    let config = this.topicCache.get(name);
    if (!config) {
      config = this.topics.get(name);
      if (config) this.topicCache.set(name, config);
    }
    return config;
  }

  /**
   * One asynchronous LMDB transaction: `work` runs on this thread inside lmdb-js's write batch
   * (a child transaction, so a throw aborts every write of `work` and nothing else), the commit
   * and the disk sync run on lmdb-js's writer thread. The promise settles only once the sync is
   * done: what a caller sees acknowledged is durable, yet the event loop never waits on the disk.
   */
  private async write<T>(work: () => T, bytes = 0): Promise<T> {
    try {
      this.ensureSpace(bytes);
      const committed = this.root.childTransaction(work);
      // `flushed` follows the batch being filled when it is asked: ask now, so a write waits for
      // its own batch's sync, not for that of a batch queued after it.
      const synced = new Promise<unknown>((resolve) => this.root.flushed.then(resolve));
      const result = (await committed) as T;
      await synced;
      return result;
    } catch (error) {
      // Topics created by the aborted transaction are not on disk.
      this.topicCache.clear();
      const full = isStorageFull(error) && !(error instanceof LogFullError);
      throw full ? new LogFullError(this.file, error) : error;
    }
  }

  /** Refuses a write of about `bytes` that could leave the disk without its reserve. */
  private ensureSpace(bytes: number): void {
    const disk = statfsSync(this.options.dir);
    const free = disk.bavail * disk.bsize;
    // Overflow pages round each batch up to whole pages: count the records' bytes twice.
    const needed = 2 * bytes + DISK_RESERVE_BYTES;
    if (free < needed) {
      throw new LogFullError(
        this.file,
        new Error(
          `No space left on device: ${free} bytes free, the write needs about ${needed} with the reserve`,
        ),
      );
    }
  }

  private ensureTopic(name: string, config: DurableTopicConfig): DurableTopicConfig {
    const existing = this.topicConfig(name);
    if (existing) return existing;
    const stored: DurableTopicConfig = { ...config };
    this.topics.put(name, stored);
    this.topicCache.set(name, stored);
    for (let p = 0; p < config.partitions; p++) {
      this.partitionStates.put([name, p], { start: 0, end: 0, bytes: 0 });
    }
    return stored;
  }

  /** Appends inside the current transaction: one batch (or a few) per partition. */
  private appendAll(records: ProducerRecord[]): LogRecord[] {
    const batches = new Map<string, { state: PartitionState; records: LogRecord[] }>();
    const written: LogRecord[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const topic = this.ensureTopic(r.topic, { partitions: this.options.defaultPartitions ?? 1 });
      const partition = r.partition ?? partitionFor(r.key, topic.partitions);
      const id = `${r.topic}\u0000${partition}`;
      let batch = batches.get(id);
      if (!batch) {
        const state = this.partitionStates.get([r.topic, partition]);
        if (!state) throw new RangeError(`topic ${r.topic} has no partition ${partition}`);
        batch = { state: { ...state }, records: [] };
        batches.set(id, batch);
      }
      const { topic: name, timestamp, key, value, headers } = r;
      const offset = batch.state.end++;
      written[i] = { topic: name, partition, offset, timestamp, key, value, headers };
      batch.records.push(written[i]);
    }
    for (const { state, records: appended } of batches.values()) {
      const { topic, partition } = appended[0];
      for (let i = 0; i < appended.length; i += BATCH_RECORDS) {
        state.bytes += this.putBatch(topic, partition, appended.slice(i, i + BATCH_RECORDS));
      }
      this.partitionStates.put([topic, partition], state);
    }
    return written;
  }

  /** Writes a batch under the offset of its first record; returns its records' size. */
  private putBatch(topic: string, partition: number, records: LogRecord[]): number {
    const batch = encodeBatch(records);
    this.records.put([topic, partition, records[0].offset], batch);
    return recordsSize(batch);
  }

  /** Replaces the batch at `base` by the `kept` records (none: the batch goes). */
  private rewriteBatch(topic: string, p: number, base: number, kept: LogRecord[]): void {
    this.records.remove([topic, p, base]);
    if (kept.length > 0) this.putBatch(topic, p, kept);
  }

  /** The partition's batches, read before any is rewritten. */
  /** The decoded batches of a partition whose first offset is below `below`. */
  private batchesOf(
    topic: string,
    p: number,
    below = Number.MAX_SAFE_INTEGER,
  ): { base: number; records: LogRecord[] }[] {
    const range = { start: [topic, p, 0], end: [topic, p, below] };
    return [...this.records.getRange(range)].map(({ key, value }) => ({
      base: key[2],
      records: this.decode(value, topic, p, key[2]),
    }));
  }

  /** Kafka's delete policy: drop the oldest records past the time or size limit. */
  private retainPartition(topic: string, p: number, config: DurableTopicConfig, now: number) {
    if (config.retentionMs === undefined && config.retentionBytes === undefined) return;
    const { retentionMs, retentionBytes } = config;
    this.dropHead(
      topic,
      p,
      this.batchesOf(topic, p),
      (r, bytes) =>
        (retentionMs !== undefined && r.timestamp < now - retentionMs) ||
        (retentionBytes !== undefined && bytes > retentionBytes),
    );
  }

  /**
   * Drops the partition's oldest records while `expired` holds (given the partition's size
   * so far); the start offset moves past them. `batches` are the partition's first batches.
   */
  private dropHead(
    topic: string,
    p: number,
    batches: { base: number; records: LogRecord[] }[],
    expired: (record: LogRecord, bytes: number) => boolean,
  ): void {
    const state = this.partitionStates.get([topic, p]);
    if (!state) return;
    let { start, bytes } = state;
    for (const { base, records } of batches) {
      let dropped = 0;
      while (dropped < records.length && expired(records[dropped], bytes)) {
        bytes -= recordSize(records[dropped]);
        start = records[dropped].offset + 1;
        dropped++;
      }
      if (dropped > 0) this.rewriteBatch(topic, p, base, records.slice(dropped));
      if (dropped < records.length) break;
    }
    if (start !== state.start) this.partitionStates.put([topic, p], { ...state, start, bytes });
  }

  /** Kafka's compact policy: keep only the latest record of each key (offsets keep their gaps). */
  private compactPartition(topic: string, p: number) {
    const state = this.partitionStates.get([topic, p]);
    if (!state) return;
    const batches = this.batchesOf(topic, p);
    const latest = new Map<string, number>();
    for (const { records } of batches) {
      for (const r of records)
        if (r.key) latest.set(Buffer.from(r.key).toString("latin1"), r.offset);
    }
    let bytes = 0;
    for (const { base, records } of batches) {
      const kept = records.filter(
        (r) => !r.key || latest.get(Buffer.from(r.key).toString("latin1")) === r.offset,
      );
      for (const r of kept) bytes += recordSize(r);
      if (kept.length < records.length) this.rewriteBatch(topic, p, base, kept);
    }
    this.partitionStates.put([topic, p], { ...state, bytes });
  }

  private checkFormat() {
    const format = this.meta.get("format");
    if (format === undefined) this.meta.putSync("format", FORMAT);
    else if (format !== FORMAT) {
      throw new LogCorruptError(
        this.file,
        `log format ${JSON.stringify(format)}, this version reads format ${FORMAT} (move the data directory away to start afresh)`,
      );
    }
  }
}

function recordsBytes(records: ProducerRecord[]): number {
  let bytes = 0;
  for (const r of records) bytes += 64 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  return bytes;
}

/** Opens the LMDB file, refusing one that is damaged or shorter than its own meta page says. */
function openChecked(file: string): RootDatabase {
  const existed = existsSync(file);
  // A file that is not LMDB's crashes the native open, so read its meta pages first.
  if (existed) checkMetaPages(file);
  let root: RootDatabase;
  try {
    root = open({ path: file, maxDbs: 8 });
  } catch (error) {
    throw new LogCorruptError(file, (error as Error).message);
  }
  if (existed) {
    const stats = root.getStats() as { pageSize: number; lastPageNumber: number };
    const needed = (stats.lastPageNumber + 1) * stats.pageSize;
    const actual = statSync(file).size;
    if (actual < needed) {
      root.close();
      throw new LogCorruptError(file, `truncated: ${actual} bytes, its pages need ${needed}`);
    }
  }
  return root;
}

const LMDB_MAGIC = 0xbeefc0de;
const META_MAGIC_AT = 24;
const META_PAGE_SIZE_AT = 48;

/** Both LMDB meta pages must carry the magic number; the first says the page size. */
function checkMetaPages(file: string) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(META_PAGE_SIZE_AT + 4);
    if (readSync(fd, head, 0, head.length, 0) < head.length) {
      throw new LogCorruptError(file, "too short to be an LMDB file");
    }
    const pageSize = head.readUInt32LE(META_PAGE_SIZE_AT);
    const second = Buffer.alloc(4);
    const validSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
    if (
      head.readUInt32LE(META_MAGIC_AT) !== LMDB_MAGIC ||
      !validSize ||
      readSync(fd, second, 0, 4, pageSize + META_MAGIC_AT) < 4 ||
      second.readUInt32LE(0) !== LMDB_MAGIC
    ) {
      throw new LogCorruptError(file, "not an LMDB data file (bad meta pages)");
    }
  } finally {
    closeSync(fd);
  }
}

function isStorageFull(error: unknown): boolean {
  return (
    error instanceof Error && /MDB_MAP_FULL|No space left on device|ENOSPC/.test(error.message)
  );
}
