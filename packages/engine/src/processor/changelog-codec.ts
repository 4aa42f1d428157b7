// Changelog records on the log. Values are JSON (null deletes); the record timestamp is the
// write's. Key-value and session keys are JSON; window-store keys are binary, as Kafka's
// WindowKeySchema: [tag][key][8-byte window start][4-byte sequence number], where the tag (a
// byte no JSON text starts with) says whether the key is a UTF-8 string or JSON. A commit's
// records are encoded as they are logged into shared byte chunks, as a Kafka producer's record
// batches are: no object per record until a log reads them, so a commit that logs a million
// keys holds ~30 bytes a record, not ~170 of objects the garbage collector would promote.
import type { LogRecord, ProducerRecord } from "../log/log";
import { utf8Decode } from "../serde/serde";
import type { ChangeLogger, ChangelogEntry } from "../state/store";

const STRING_WINDOW_KEY = 0x00;
const JSON_WINDOW_KEY = 0x01;
/** Window start and sequence number after the key bytes. */
const WINDOW_SUFFIX = 12;
/** An encoded record: [key length u32][value length i32, -1 for null][timestamp f64][key][value]. */
const RECORD_HEADER = 16;
/** Chunks start small (a task may hold many quiet stores) and double up to this size. */
const MAX_CHUNK_BYTES = 64 * 1024;
const TWO_32 = 2 ** 32;

/** One store's changelog records of one commit, encoded; read as ProducerRecords one at a time. */
export class ChangelogBatch implements Iterable<ProducerRecord> {
  constructor(
    readonly topic: string,
    readonly partition: number,
    /** Number of records. */
    readonly length: number,
    private readonly chunks: readonly Buffer[],
  ) {}

  /** Each record's key and value are read-only views into the batch's chunks. */
  *[Symbol.iterator](): Iterator<ProducerRecord> {
    const { topic, partition } = this;
    for (const chunk of this.chunks) {
      for (let at = 0; at < chunk.length; ) {
        const keyStart = at + RECORD_HEADER;
        const valueStart = keyStart + chunk.readUInt32LE(at);
        const valueLength = chunk.readInt32LE(at + 4);
        const timestamp = chunk.readDoubleLE(at + 8);
        at = valueStart + Math.max(valueLength, 0);
        yield {
          topic,
          partition,
          timestamp,
          key: chunk.subarray(keyStart, valueStart),
          value: valueLength < 0 ? null : chunk.subarray(valueStart, at),
        };
      }
    }
  }
}

/** Encodes one store's changelog records as they are logged; the task drains them at commit. */
export class ChangelogWriter implements ChangeLogger {
  private chunks: Buffer[] = [];
  private chunk = Buffer.alloc(0);
  /** Where this batch's records start in the current chunk (earlier bytes are drained). */
  private batchStart = 0;
  private used = 0;
  private count = 0;
  private nextChunkBytes = 1024;

  constructor(
    private readonly topic: string,
    private readonly partition: number,
  ) {}

  log(key: unknown, value: unknown, timestamp: number): void {
    const valueText = value === null ? undefined : jsonText(value);
    if (typeof key === "string" && isPlainAscii(key)) {
      // the key's JSON text, `"key"`, without building that string first (one per record)
      const at = this.begin(key.length + 2, valueText);
      this.chunk[at] = QUOTE;
      const end = at + 1 + writeUtf8(this.chunk, key, at + 1);
      this.chunk[end] = QUOTE;
      this.end(end + 1, valueText, timestamp);
    } else {
      const text = JSON.stringify(key);
      const at = this.begin(3 * text.length, valueText);
      this.end(at + writeUtf8(this.chunk, text, at), valueText, timestamp);
    }
  }

  logWindow(key: unknown, start: number, seq: number, value: unknown, timestamp: number): void {
    const valueText = value === null ? undefined : jsonText(value);
    const string = typeof key === "string";
    const text = string ? key : JSON.stringify(key);
    const at = this.begin(1 + 3 * text.length + WINDOW_SUFFIX, valueText);
    const bytes = this.chunk;
    bytes[at] = string ? STRING_WINDOW_KEY : JSON_WINDOW_KEY;
    const end = at + 1 + writeUtf8(bytes, text, at + 1);
    // big-endian, the start as two 32-bit halves (a JS number holds it exactly up to 2^53)
    putUint32(bytes, end, Math.floor(start / TWO_32));
    putUint32(bytes, end + 4, start);
    putUint32(bytes, end + 8, seq);
    this.end(end + WINDOW_SUFFIX, valueText, timestamp);
  }

  /** The records logged since the last call. */
  drain(): ChangelogBatch {
    if (this.used > this.batchStart)
      this.chunks.push(this.chunk.subarray(this.batchStart, this.used));
    const batch = new ChangelogBatch(this.topic, this.partition, this.count, this.chunks);
    this.chunks = [];
    this.batchStart = this.used;
    this.count = 0;
    return batch;
  }

  /**
   * Makes room for a record whose key takes at most `maxKeyBytes`; returns where its key
   * starts. The value's text is written by `end`, after the key, so its room is reserved here.
   */
  private begin(maxKeyBytes: number, valueText: string | undefined): number {
    const max = RECORD_HEADER + maxKeyBytes + 3 * (valueText?.length ?? 0);
    if (this.used + max > this.chunk.length) {
      if (this.used > this.batchStart) {
        this.chunks.push(this.chunk.subarray(this.batchStart, this.used));
      }
      this.chunk = Buffer.allocUnsafeSlow(Math.max(this.nextChunkBytes, max));
      this.nextChunkBytes = Math.min(2 * this.nextChunkBytes, MAX_CHUNK_BYTES);
      this.used = 0;
      this.batchStart = 0;
    }
    return this.used + RECORD_HEADER;
  }

  /** Writes the value after the key ending at `keyEnd`, then the record's header. */
  private end(keyEnd: number, valueText: string | undefined, timestamp: number): void {
    const chunk = this.chunk;
    const at = this.used;
    const valueLength = valueText === undefined ? -1 : writeUtf8(chunk, valueText, keyEnd);
    chunk.writeUInt32LE(keyEnd - at - RECORD_HEADER, at);
    chunk.writeInt32LE(valueLength, at + 4);
    chunk.writeDoubleLE(timestamp, at + 8);
    this.used = keyEnd + Math.max(valueLength, 0);
    this.count++;
  }
}

const QUOTE = 0x22;

/** ASCII with nothing JSON escapes (no quote, backslash or control character). */
function isPlainAscii(text: string): boolean {
  if (text.length > 32) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === QUOTE || c === 0x5c) return false;
  }
  return true;
}

/** JSON text of a value; finite numbers (counts, sums) skip the JSON serializer. */
function jsonText(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value)
    ? String(value)
    : JSON.stringify(value);
}

/** Writes `text` as UTF-8 at `at`; short ASCII text (most keys) without a native call. */
function writeUtf8(chunk: Buffer, text: string, at: number): number {
  if (text.length > 32) return chunk.write(text, at);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return chunk.write(text, at);
    chunk[at + i] = c;
  }
  return text.length;
}

/** The low 32 bits of `n`, big-endian (typed-array stores keep the low byte). */
function putUint32(bytes: Buffer, at: number, n: number): void {
  bytes[at] = n >>> 24;
  bytes[at + 1] = n >>> 16;
  bytes[at + 2] = n >>> 8;
  bytes[at + 3] = n;
}

export function decodeChangelog(record: LogRecord): ChangelogEntry {
  const key = record.key ?? new Uint8Array();
  return {
    key:
      key[0] === STRING_WINDOW_KEY || key[0] === JSON_WINDOW_KEY
        ? windowKey(key)
        : parseJson(key, "changelog key"),
    value: record.value === null ? null : parseJson(record.value, "changelog value"),
    timestamp: record.timestamp,
  };
}

/** A window key as the window store restores it: [key, start], and the sequence number if any. */
function windowKey(bytes: Uint8Array): unknown[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = b.length - WINDOW_SUFFIX;
  if (end < 1) throw new Error(`changelog window key of ${b.length} bytes is too short`);
  const text = utf8Decode(b.subarray(1, end), "changelog key");
  const key = b[0] === STRING_WINDOW_KEY ? text : JSON.parse(text);
  const start = b.readInt32BE(end) * TWO_32 + b.readUInt32BE(end + 4);
  const seq = b.readUInt32BE(end + 8);
  return seq === 0 ? [key, start] : [key, start, seq];
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  return JSON.parse(utf8Decode(bytes, what));
}
