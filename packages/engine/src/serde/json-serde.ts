// JSON serde: ksqlDB's JSON format, one JSON document per record value or key.
import { type Serde, SerdeError, serdeOf, utf8Decode, utf8Encode } from "./serde";

export function jsonSerde<T = unknown>(): Serde<T> {
  return serdeOf<T>(
    "JSON",
    (value) => utf8Encode(JSON.stringify(value)),
    (bytes) => {
      const text = utf8Decode(bytes, "JSON");
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new SerdeError(`invalid JSON: ${(error as Error).message}`);
      }
    },
  );
}
