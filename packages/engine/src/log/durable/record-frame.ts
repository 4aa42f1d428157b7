// The on-disk frame of one log record inside LMDB: a CRC-32 over the rest, so a damaged
// record is reported when read instead of being decoded into wrong data.
import { crc32 } from "node:zlib";
import type { Headers } from "../log";

export interface FrameContent {
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: Headers;
}

const NULL_LENGTH = -1;

/** Layout: crc u32 | timestamp f64 | keyLen i32 | key | valueLen i32 | value | headersLen i32 | headers (JSON). */
export function encodeFrame(r: FrameContent): Buffer {
  const headers = r.headers && Object.keys(r.headers).length > 0 ? jsonBytes(r.headers) : null;
  const size = 4 + 8 + 4 + len(r.key) + 4 + len(r.value) + 4 + len(headers);
  const frame = Buffer.allocUnsafe(size);
  let at = frame.writeDoubleLE(r.timestamp, 4);
  at = writeBytes(frame, at, r.key);
  at = writeBytes(frame, at, r.value);
  writeBytes(frame, at, headers);
  frame.writeUInt32LE(crc32(frame.subarray(4)), 0);
  return frame;
}

/** Decodes a frame; returns undefined when the CRC or the lengths do not add up. */
export function decodeFrame(frame: Uint8Array): FrameContent | undefined {
  if (frame.length < 24) return undefined;
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.readUInt32LE(0) !== crc32(buf.subarray(4))) return undefined;
  const timestamp = buf.readDoubleLE(4);
  const key = readBytes(buf, 12);
  if (!key) return undefined;
  const value = readBytes(buf, key.next);
  if (!value) return undefined;
  const headers = readBytes(buf, value.next);
  if (!headers || headers.next !== buf.length) return undefined;
  return {
    timestamp,
    key: key.bytes,
    value: value.bytes,
    headers: headers.bytes ? JSON.parse(Buffer.from(headers.bytes).toString("utf8")) : undefined,
  };
}

function len(bytes: Uint8Array | null): number {
  return bytes ? bytes.length : 0;
}

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

function writeBytes(frame: Buffer, at: number, bytes: Uint8Array | null): number {
  if (bytes === null) return frame.writeInt32LE(NULL_LENGTH, at);
  at = frame.writeInt32LE(bytes.length, at);
  frame.set(bytes, at);
  return at + bytes.length;
}

function readBytes(
  buf: Buffer,
  at: number,
): { bytes: Uint8Array | null; next: number } | undefined {
  if (at + 4 > buf.length) return undefined;
  const length = buf.readInt32LE(at);
  if (length === NULL_LENGTH) return { bytes: null, next: at + 4 };
  if (length < 0 || at + 4 + length > buf.length) return undefined;
  // Copy out of LMDB's memory map: the view is only valid until the next write transaction.
  return {
    bytes: Uint8Array.prototype.slice.call(buf, at + 4, at + 4 + length),
    next: at + 4 + length,
  };
}
