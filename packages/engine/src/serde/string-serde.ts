// UTF-8 string serde (Kafka's StringSerde). The last decoded string remembers its bytes, so a
// key read at the source and written unchanged by a sink is not encoded again: the common
// pass-through case keeps the original bytes (bytes are never mutated, so sharing is safe).
import { type Serde, serdeOf, utf8Decode, utf8Encode } from "./serde";

let lastText: string | undefined;
let lastBytes: Uint8Array | undefined;

export function stringSerde(): Serde<string> {
  return serdeOf<string>(
    "STRING",
    (value) => {
      if (value === lastText) return lastBytes!;
      return utf8Encode(String(value));
    },
    (bytes) => {
      const text = utf8Decode(bytes, "STRING");
      lastText = text;
      lastBytes = bytes;
      return text;
    },
  );
}
