// The embedded runtime's durable Log on LMDB: partitioned topics on disk, committed offsets
// per application, retention and changelog compaction. One LMDB transaction per `commit`
// makes a task's outputs, changelog records and input offsets visible together (exactly-once).
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Database, open, type RootDatabase } from "lmdb";
import type { CommitBatch, Log, LogRecord, ProducerRecord, TopicConfig } from "../log";
import { partitionFor } from "../partitioner";
import { decodeFrame, encodeFrame } from "./record-frame";
import { LogCorruptError, LogFullError } from "./storage-errors";

export interface DurableTopicConfig extends TopicConfig {
  /** Records older than this (by timestamp) are deleted by `maintain`. */
  retentionMs?: number;
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

const FORMAT = 1;

export class DurableLog implements Log {
  readonly file: string;
  private readonly root: RootDatabase;
  private readonly meta: Database;
  private readonly topics: Database<DurableTopicConfig, string>;
  private readonly partitionStates: Database<PartitionState, [string, number]>;
  private readonly records: Database<Buffer, [string, number, number]>;
  private readonly offsets: Database<number, [string, string, number]>;

  constructor(private readonly options: DurableLogOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.file = join(options.dir, "log.mdb");
    this.root = openChecked(this.file);
    this.meta = this.root.openDB({ name: "meta" });
    this.topics = this.root.openDB({ name: "topics" });
    this.partitionStates = this.root.openDB({ name: "partitions" });
    this.records = this.root.openDB({ name: "records", encoding: "binary" });
    this.offsets = this.root.openDB({ name: "offsets" });
    this.checkFormat();
  }

  async createTopic(name: string, config: DurableTopicConfig): Promise<void> {
    if (this.topics.get(name)) return;
    await this.write(() => this.ensureTopic(name, config));
  }

  /** Every topic, whether declared or created by a first append (a dynamic sink's). */
  topicNames(): string[] {
    return [...this.topics.getKeys()] as string[];
  }

  async partitions(topic: string): Promise<number | undefined> {
    return this.topics.get(topic)?.partitions;
  }

  async append(records: ProducerRecord[]): Promise<LogRecord[]> {
    return this.write(() => this.appendAll(records));
  }

  async read(topic: string, partition: number, offset: number, max: number): Promise<LogRecord[]> {
    const out: LogRecord[] = [];
    const range = this.records.getRange({
      start: [topic, partition, offset],
      end: [topic, partition, Number.MAX_SAFE_INTEGER],
      limit: max,
    });
    for (const { key, value } of range) {
      const frame = decodeFrame(value);
      if (!frame) throw new LogCorruptError(this.file, `record ${topic}-${partition}@${key[2]}`);
      out.push({ topic, partition, offset: key[2], ...frame });
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

  async commit(batch: CommitBatch): Promise<void> {
    await this.write(() => {
      this.appendAll(batch.records);
      for (const o of batch.offsets) {
        this.offsets.put([batch.applicationId, o.topic, o.partition], o.offset);
      }
    });
  }

  /** Applies retention to every topic and compacts changelog topics. */
  async maintain(now = Date.now()): Promise<void> {
    await this.write(() => {
      for (const { key: name, value: config } of this.topics.getRange()) {
        for (let p = 0; p < config.partitions; p++) {
          if (config.compacted) this.compactPartition(name, p);
          else this.retainPartition(name, p, config, now);
        }
      }
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }

  /** Synchronous LMDB transactions: a throw aborts every write of `work` (the async
   *  `transaction` keeps writes made before a throw), and the commit is durable on return. */
  private write<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(this.root.transactionSync(work) as T);
    } catch (error) {
      return Promise.reject(isStorageFull(error) ? new LogFullError(this.file, error) : error);
    }
  }

  private ensureTopic(name: string, config: DurableTopicConfig): DurableTopicConfig {
    const existing = this.topics.get(name);
    if (existing) return existing;
    const stored: DurableTopicConfig = { ...config };
    this.topics.put(name, stored);
    for (let p = 0; p < config.partitions; p++) {
      this.partitionStates.put([name, p], { start: 0, end: 0, bytes: 0 });
    }
    return stored;
  }

  /** Appends inside the current transaction; partition metadata is read and written once. */
  private appendAll(records: ProducerRecord[]): LogRecord[] {
    const states = new Map<string, { id: [string, number]; state: PartitionState }>();
    const written = records.map((record) => {
      const topic = this.ensureTopic(record.topic, {
        partitions: this.options.defaultPartitions ?? 1,
      });
      const partition = record.partition ?? partitionFor(record.key, topic.partitions);
      const id = `${record.topic}\u0000${partition}`;
      let entry = states.get(id);
      if (!entry) {
        const state = this.partitionStates.get([record.topic, partition]);
        if (!state) throw new RangeError(`topic ${record.topic} has no partition ${partition}`);
        entry = { id: [record.topic, partition], state: { ...state } };
        states.set(id, entry);
      }
      const frame = encodeFrame(record);
      const offset = entry.state.end++;
      entry.state.bytes += frame.length;
      this.records.put([record.topic, partition, offset], frame);
      return { ...record, partition, offset };
    });
    for (const { id, state } of states.values()) this.partitionStates.put(id, state);
    return written;
  }

  /** Kafka's delete policy: drop the oldest records past the time or size limit. */
  private retainPartition(topic: string, p: number, config: DurableTopicConfig, now: number) {
    if (config.retentionMs === undefined && config.retentionBytes === undefined) return;
    const state = this.partitionStates.get([topic, p]);
    if (!state) return;
    let { start, bytes } = state;
    for (const { key, value } of this.records.getRange(partitionRange(topic, p))) {
      const frame = decodeFrame(value);
      const expired =
        config.retentionMs !== undefined &&
        frame !== undefined &&
        frame.timestamp < now - config.retentionMs;
      const oversized = config.retentionBytes !== undefined && bytes > config.retentionBytes;
      if (!expired && !oversized) break;
      this.records.remove(key);
      bytes -= value.length;
      start = key[2] + 1;
    }
    this.partitionStates.put([topic, p], { ...state, start, bytes });
  }

  /** Kafka's compact policy: keep only the latest record of each key (offsets keep their gaps). */
  private compactPartition(topic: string, p: number) {
    const latest = new Map<string, number>();
    for (const { key, value } of this.records.getRange(partitionRange(topic, p))) {
      const frame = decodeFrame(value);
      if (frame?.key) latest.set(Buffer.from(frame.key).toString("base64"), key[2]);
    }
    const state = this.partitionStates.get([topic, p]);
    if (!state) return;
    let bytes = 0;
    for (const { key, value } of this.records.getRange(partitionRange(topic, p))) {
      const frame = decodeFrame(value);
      const keep = !frame?.key || latest.get(Buffer.from(frame.key).toString("base64")) === key[2];
      if (keep) bytes += value.length;
      else this.records.remove(key);
    }
    this.partitionStates.put([topic, p], { ...state, bytes });
  }

  private checkFormat() {
    const format = this.meta.get("format");
    if (format === undefined) this.meta.putSync("format", FORMAT);
    else if (format !== FORMAT) {
      throw new LogCorruptError(this.file, `unknown log format ${JSON.stringify(format)}`);
    }
  }
}

function partitionRange(topic: string, p: number) {
  return { start: [topic, p, 0], end: [topic, p, Number.MAX_SAFE_INTEGER] };
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
