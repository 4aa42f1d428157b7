// The Serde contract: bytes on the log, JS values inside processors. A null value is a
// Kafka tombstone and passes through every serde unchanged.

import { isUtf8 } from "node:buffer";

/** Serializer/deserializer pair, as Kafka's `Serde<T>`. */
export interface Serde<T = unknown> {
  readonly name: string;
  serialize(value: T | null): Uint8Array | null;
  deserialize(bytes: Uint8Array | null): T | null;
}

/** Thrown when bytes do not decode; the runtime routes the record to the dead-letter output. */
export class SerdeError extends Error {
  override readonly name = "SerdeError";
}

// Node's Buffer converts short strings several times faster than TextEncoder/TextDecoder;
// isUtf8 keeps invalid bytes a decode error (dead letter) rather than U+FFFD.
export function utf8Encode(text: string): Uint8Array {
  return Buffer.from(text, "utf8");
}

export function utf8Decode(bytes: Uint8Array, what: string): string {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) throw new SerdeError(`${what} is not valid UTF-8`);
  return buffer.toString("utf8");
}

/** Builds a serde from two functions that only ever see non-null values. */
export function serdeOf<T>(
  name: string,
  serialize: (value: T) => Uint8Array,
  deserialize: (bytes: Uint8Array) => T,
): Serde<T> {
  return {
    name,
    serialize: (value) => (value === null || value === undefined ? null : serialize(value)),
    deserialize: (bytes) => (bytes === null ? null : deserialize(bytes)),
  };
}
