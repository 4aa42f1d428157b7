// Bytes serde: the value is the raw payload, untouched (Kafka's ByteArraySerde).
import { type Serde, serdeOf } from "./serde";

export function bytesSerde(): Serde<Uint8Array> {
  return serdeOf<Uint8Array>(
    "BYTES",
    (value) => value,
    (bytes) => bytes,
  );
}
