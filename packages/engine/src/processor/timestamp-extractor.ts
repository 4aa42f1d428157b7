// Timestamp extractors (Kafka's TimestampExtractor): the record's own timestamp, a field of the
// value (epoch millis, or an ISO-8601 string), or the wall clock. Non-finite or negative
// results are invalid; the source routes such records to the dead-letter output.
import type { LogRecord } from "../log/log";

/** `wallClock` is a function so extractors that do not need the time never read the clock. */
export type TimestampExtractor = (
  record: LogRecord,
  value: unknown,
  wallClock: () => number,
) => number;

export const recordTimestamp: TimestampExtractor = (record) => record.timestamp;

export const wallClockTimestamp: TimestampExtractor = (_record, _value, wallClock) => wallClock();

/** Reads `field` of the value: a number (epoch ms) or a date string Date.parse understands. */
export function fieldTimestamp(field: string): TimestampExtractor {
  return (_record, value) => {
    const raw =
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[field]
        : undefined;
    if (typeof raw === "number") return raw;
    if (typeof raw === "string") return /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
    return Number.NaN;
  };
}

export function isValidTimestamp(ts: number): boolean {
  return Number.isFinite(ts) && ts >= 0;
}
