// Changelog records on the log. Values are JSON (null deletes); the record timestamp is the
// write's. Key-value and session keys are JSON; window-store keys are binary, as Kafka's
// WindowKeySchema: [tag][key][8-byte window start][4-byte sequence number], where the tag (a
// byte no JSON text starts with) says whether the key is a UTF-8 string or JSON. A commit's
// records are written into shared byte chunks, each record a view: no string or array per key.
import type { LogRecord, ProducerRecord } from "../log/log";
import { utf8Decode } from "../serde/serde";
import type { ChangeLogger, ChangelogEntry } from "../state/store";

const STRING_WINDOW_KEY = 0x00;
const JSON_WINDOW_KEY = 0x01;
/** Window start and sequence number after the key bytes. */
const WINDOW_SUFFIX = 12;
/** Chunks start small (a task may hold many quiet stores) and double up to this size. */
const MAX_CHUNK_BYTES = 64 * 1024;
const TWO_32 = 2 ** 32;

/** Encodes one store's changelog records as they are logged; the task drains them at commit. */
export class ChangelogWriter implements ChangeLogger {
  private records: ProducerRecord[] = [];
  private chunk = Buffer.alloc(0);
  private used = 0;
  private nextChunkBytes = 1024;

  constructor(
    private readonly topic: string,
    private readonly partition: number,
  ) {}

  log(key: unknown, value: unknown, timestamp: number): void {
    const bytes =
      typeof key === "string" && isPlainAscii(key)
        ? this.quoted(key)
        : this.text(JSON.stringify(key), 0, 0);
    this.push(bytes, value, timestamp);
  }

  logWindow(key: unknown, start: number, seq: number, value: unknown, timestamp: number): void {
    const string = typeof key === "string";
    const text = string ? key : JSON.stringify(key);
    const bytes = this.text(text, 1, WINDOW_SUFFIX);
    bytes[0] = string ? STRING_WINDOW_KEY : JSON_WINDOW_KEY;
    const end = bytes.length - WINDOW_SUFFIX;
    // big-endian, the start as two 32-bit halves (a JS number holds it exactly up to 2^53)
    putUint32(bytes, end, Math.floor(start / TWO_32));
    putUint32(bytes, end + 4, start);
    putUint32(bytes, end + 8, seq);
    this.push(bytes, value, timestamp);
  }

  /** The records logged since the last call. */
  drain(): ProducerRecord[] {
    const out = this.records;
    this.records = [];
    return out;
  }

  private push(key: Uint8Array, value: unknown, timestamp: number): void {
    this.records.push({
      topic: this.topic,
      partition: this.partition,
      timestamp,
      key,
      value: value === null ? null : (smallCount(value) ?? this.text(jsonText(value), 0, 0)),
    });
  }

  /** A key's JSON text, `"key"`, without building that string first (one per record). */
  private quoted(key: string): Buffer {
    const bytes = this.text(key, 1, 1);
    bytes[0] = QUOTE;
    bytes[bytes.length - 1] = QUOTE;
    return bytes;
  }

  /** `text` as UTF-8 with `before` and `after` spare bytes, as a view into the current chunk. */
  private text(text: string, before: number, after: number): Buffer {
    const max = before + 3 * text.length + after;
    if (this.used + max > this.chunk.length) {
      this.chunk = Buffer.allocUnsafeSlow(Math.max(this.nextChunkBytes, max));
      this.nextChunkBytes = Math.min(2 * this.nextChunkBytes, MAX_CHUNK_BYTES);
      this.used = 0;
    }
    const start = this.used;
    const end = start + before + writeUtf8(this.chunk, text, start + before) + after;
    this.used = end;
    return this.chunk.subarray(start, end);
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

/**
 * Counts are mostly small: their value bytes are shared, read-only views (logs copy or only
 * read record bytes), so a commit of counts builds no value buffer per record.
 */
const SMALL_COUNTS: Buffer[] = [];
const SMALL_COUNT_LIMIT = 1024;
function smallCount(value: unknown): Buffer | undefined {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) return undefined;
  if (value >= SMALL_COUNT_LIMIT) return undefined;
  SMALL_COUNTS[value] ??= Buffer.from(String(value));
  return SMALL_COUNTS[value];
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
