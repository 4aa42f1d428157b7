// The Serde contract: bytes on the log, JS values inside processors. A null value is a
// Kafka tombstone and passes through every serde unchanged.

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

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new SerdeError(`${what} is not valid UTF-8`);
  }
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
