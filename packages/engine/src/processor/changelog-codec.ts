// Changelog records on the log: the store-kind-specific key and the value as JSON, the
// record timestamp as the write's timestamp. Restoring decodes them back into entries.
import type { LogRecord, ProducerRecord } from "../log/log";
import { utf8Decode, utf8Encode } from "../serde/serde";
import type { ChangelogEntry } from "../state/store";

export function encodeChangelog(
  topic: string,
  partition: number,
  e: ChangelogEntry,
): ProducerRecord {
  return {
    topic,
    partition,
    timestamp: e.timestamp,
    key: utf8Encode(JSON.stringify(e.key)),
    value: e.value === null ? null : utf8Encode(JSON.stringify(e.value)),
  };
}

export function decodeChangelog(record: LogRecord): ChangelogEntry {
  return {
    key: JSON.parse(utf8Decode(record.key ?? new Uint8Array(), "changelog key")),
    value: record.value === null ? null : JSON.parse(utf8Decode(record.value, "changelog value")),
    timestamp: record.timestamp,
  };
}
