// UTF-8 string serde (Kafka's StringSerde).
import { type Serde, serdeOf, utf8Decode, utf8Encode } from "./serde";

export function stringSerde(): Serde<string> {
  return serdeOf<string>(
    "STRING",
    (value) => utf8Encode(String(value)),
    (bytes) => utf8Decode(bytes, "STRING"),
  );
}
