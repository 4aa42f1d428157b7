// Runtime of the date-time functions. TIMESTAMP values are epoch millis; formats are Java
// DateTimeFormatter patterns; the zone argument defaults to UTC as in ksqlDB.
import { formatInstant, parseInstant } from "./time-pattern";

/** TIMESTAMPTOSTRING(millis, pattern [, zone]) and FORMAT_TIMESTAMP(ts, pattern [, zone]). */
export function timestampToString(
  ms: unknown,
  pattern: unknown,
  zone: unknown = "UTC",
): string | null {
  if (ms == null || pattern == null || zone == null || !Number.isFinite(ms)) return null;
  return formatInstant(ms as number, String(pattern), String(zone));
}

/** STRINGTOTIMESTAMP(text, pattern [, zone]) and PARSE_TIMESTAMP(text, pattern [, zone]). */
export function stringToTimestamp(
  text: unknown,
  pattern: unknown,
  zone: unknown = "UTC",
): number | null {
  if (text == null || pattern == null || zone == null) return null;
  return parseInstant(String(text), String(pattern), String(zone));
}

/** UNIX_TIMESTAMP(): now; UNIX_TIMESTAMP(ts): the timestamp's epoch millis. */
export function unixTimestamp(...ts: unknown[]): number | null {
  if (ts.length === 0) return Date.now();
  return ts[0] == null ? null : (ts[0] as number);
}

/** FROM_UNIXTIME(millis): the same instant as a TIMESTAMP (both are epoch millis here). */
export function fromUnixtime(ms: unknown): number | null {
  return typeof ms === "number" && Number.isFinite(ms) ? ms : null;
}
