// The on-disk record batch of the embedded log (Kafka's record batch, in spirit): the records
// of one partition written by one append or commit, in one LMDB value with one CRC-32, so a
// commit costs one B-tree write per partition and a damaged batch is reported, never decoded.
import { crc32 } from "node:zlib";
import type { Headers, LogRecord } from "../log";

/** A record as it is stored: everything but its topic and partition, which the batch key holds. */
export interface StoredRecord {
  offset: number;
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Headers;
}

/** Bytes before the first record: crc u32 | count u32. */
const BATCH_HEADER = 8;
/** offset f64 | timestamp f64 | keyLen i32 | valueLen i32 | headersLen i32 (then the bytes). */
const RECORD_FIXED = 28;
const NULL_LENGTH = -1;

/** Bytes a record takes inside a batch: what `retentionBytes` counts. */
export function recordSize(r: StoredRecord): number {
  return RECORD_FIXED + len(r.key) + len(r.value) + len(headerBytes(r.headers));
}

/** The summed `recordSize` of a batch's records. */
export function recordsSize(batch: Buffer): number {
  return batch.length - BATCH_HEADER;
}

/** Encodes records (ascending offsets) into one batch. */
export function encodeBatch(records: StoredRecord[]): Buffer {
  const headers = records.map((r) => headerBytes(r.headers));
  let size = BATCH_HEADER;
  for (let i = 0; i < records.length; i++) {
    size += RECORD_FIXED + len(records[i].key) + len(records[i].value) + len(headers[i]);
  }
  const batch = Buffer.allocUnsafe(size);
  batch.writeUInt32LE(records.length, 4);
  let at = BATCH_HEADER;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    at = batch.writeDoubleLE(r.offset, at);
    at = batch.writeDoubleLE(r.timestamp, at);
    at = writeBytes(batch, at, r.key);
    at = writeBytes(batch, at, r.value);
    at = writeBytes(batch, at, headers[i]);
  }
  batch.writeUInt32LE(crc32(batch.subarray(4)), 0);
  return batch;
}

/**
 * Decodes the records of a batch with offset >= `from`, at most `max` of them, or returns
 * undefined when the CRC or the lengths do not add up. The batch is copied once out of
 * LMDB's memory map (valid only until the next write); keys and values are views of the copy.
 */
export function decodeBatch(
  stored: Uint8Array,
  topic: string,
  partition: number,
  from: number,
  max: number,
): LogRecord[] | undefined {
  if (stored.length < BATCH_HEADER) return undefined;
  const copy = Uint8Array.prototype.slice.call(stored);
  const batch = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
  if (batch.readUInt32LE(0) !== crc32(batch.subarray(4))) return undefined;
  const count = batch.readUInt32LE(4);
  const out: LogRecord[] = [];
  let at = BATCH_HEADER;
  for (let i = 0; i < count; i++) {
    if (at + RECORD_FIXED > batch.length) return undefined;
    const offset = batch.readDoubleLE(at);
    const timestamp = batch.readDoubleLE(at + 8);
    const key = readBytes(batch, at + 16);
    if (!key) return undefined;
    const value = readBytes(batch, key.next);
    if (!value) return undefined;
    const headers = readBytes(batch, value.next);
    if (!headers) return undefined;
    at = headers.next;
    if (offset < from || out.length >= max) continue;
    const record: LogRecord = {
      topic,
      partition,
      offset,
      timestamp,
      key: key.bytes,
      value: value.bytes,
    };
    if (headers.bytes) record.headers = JSON.parse(headers.bytes.toString("utf8"));
    out.push(record);
  }
  return at === batch.length ? out : undefined;
}

function headerBytes(headers: Headers | undefined): Buffer | null {
  if (!headers) return null;
  for (const _ in headers) return Buffer.from(JSON.stringify(headers), "utf8");
  return null;
}

function len(bytes: Uint8Array | null): number {
  return bytes ? bytes.length : 0;
}

function writeBytes(batch: Buffer, at: number, bytes: Uint8Array | null): number {
  if (bytes === null) return batch.writeInt32LE(NULL_LENGTH, at);
  at = batch.writeInt32LE(bytes.length, at);
  batch.set(bytes, at);
  return at + bytes.length;
}

function readBytes(batch: Buffer, at: number): { bytes: Buffer | null; next: number } | undefined {
  if (at + 4 > batch.length) return undefined;
  const length = batch.readInt32LE(at);
  if (length === NULL_LENGTH) return { bytes: null, next: at + 4 };
  if (length < 0 || at + 4 + length > batch.length) return undefined;
  return { bytes: batch.subarray(at + 4, at + 4 + length), next: at + 4 + length };
}
