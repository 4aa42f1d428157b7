// Time bounds as ksqlDB reads them in pull queries: epoch milliseconds, or an ISO-8601 string
// whose missing time zone means UTC.

/** Milliseconds since the epoch; undefined when the text is neither a number nor a date. */
export function parseTimestamp(value: number | string): number | undefined {
  if (typeof value === "number") return value;
  if (/^-?\d+$/.test(value)) return Number(value);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}
