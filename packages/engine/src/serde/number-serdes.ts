// Kafka's fixed-width big-endian number serdes: LongSerde (8 bytes), IntegerSerde (4 bytes),
// DoubleSerde (IEEE-754, 8 bytes). Longs outside 2^53 are kept exact as bigint.
import { type Serde, SerdeError, serdeOf } from "./serde";

function view(bytes: Uint8Array, width: number, name: string): DataView {
  if (bytes.byteLength !== width) {
    throw new SerdeError(`${name} needs ${width} bytes, got ${bytes.byteLength}`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function write(width: number, put: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(width);
  put(new DataView(bytes.buffer));
  return bytes;
}

export function longSerde(): Serde<number | bigint> {
  return serdeOf<number | bigint>(
    "LONG",
    (value) => write(8, (v) => v.setBigInt64(0, BigInt(value))),
    (bytes) => {
      const big = view(bytes, 8, "LONG").getBigInt64(0);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(big)
        : big;
    },
  );
}

export function intSerde(): Serde<number> {
  return serdeOf<number>(
    "INT",
    (value) => write(4, (v) => v.setInt32(0, value)),
    (bytes) => view(bytes, 4, "INT").getInt32(0),
  );
}

export function doubleSerde(): Serde<number> {
  return serdeOf<number>(
    "DOUBLE",
    (value) => write(8, (v) => v.setFloat64(0, value)),
    (bytes) => view(bytes, 8, "DOUBLE").getFloat64(0),
  );
}
