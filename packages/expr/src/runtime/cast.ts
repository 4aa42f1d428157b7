// Runtime of CAST. Conversions ksqlDB would reject at run time (a malformed number, a value
// out of range) give null, as ksqlDB logs a processing error and emits null.
import { roundHalfUp } from "./strict";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function toNumber(x: unknown): number | null {
  if (x == null) return null;
  if (typeof x === "number") return x;
  if (typeof x === "string") {
    const t = x.trim();
    const n = t === "" ? Number.NaN : Number(t);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

export function castInt(x: unknown): number | null {
  const n = toNumber(x);
  if (n === null) return null;
  if (typeof x === "string" && !Number.isInteger(n)) return null;
  const t = Math.trunc(n);
  return t < INT_MIN || t > INT_MAX ? null : t;
}

export function castBigint(x: unknown): number | null {
  const n = toNumber(x);
  if (n === null || (typeof x === "string" && !Number.isInteger(n))) return null;
  return Math.trunc(n);
}

export function castDouble(x: unknown): number | null {
  return toNumber(x);
}

/** Rounded half up to `scale`; null when the digits left of the point exceed p - s. */
export function castDecimal(x: unknown, precision: number, scale: number): number | null {
  const n = toNumber(x);
  if (n === null || !Number.isFinite(n)) return null;
  const r = roundHalfUp(n, scale);
  return Math.abs(r) >= 10 ** (precision - scale) ? null : r;
}

const TRUE_WORDS = new Set(["true", "t", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n"]);

export function castBoolean(x: unknown): boolean | null {
  if (x == null) return null;
  if (typeof x === "boolean") return x;
  const word = String(x).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : null;
}

/**
 * String form of a value of the given source kind, as ksqlDB prints it: DOUBLE always with a
 * point (1.0), DECIMAL with its scale, TIMESTAMP as ISO-8601 without zone, DATE, TIME.
 */
export function castString(x: unknown, from: string, scale = 0): string | null {
  if (x == null) return null;
  switch (from) {
    case "DOUBLE":
      return doubleToString(x as number);
    case "DECIMAL":
      return (x as number).toFixed(scale);
    case "TIMESTAMP":
      return new Date(x as number).toISOString().slice(0, 23);
    case "DATE":
      return new Date((x as number) * 86400000).toISOString().slice(0, 10);
    case "TIME":
      return new Date(x as number).toISOString().slice(11, 23);
    case "STRING":
      return x as string;
    default:
      return typeof x === "object" ? JSON.stringify(x) : String(x);
  }
}

function doubleToString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (!Number.isFinite(d)) return d > 0 ? "Infinity" : "-Infinity";
  return Number.isInteger(d) && Math.abs(d) < 1e7 ? d.toFixed(1) : String(d);
}

/** ISO-8601 date-time text (zone optional, UTC assumed) or epoch millis. */
export function castTimestamp(x: unknown): number | null {
  if (x == null) return null;
  if (typeof x === "number") return x;
  const text = String(x).trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

/** DATE values are days since the epoch. */
export function castDate(x: unknown): number | null {
  if (typeof x === "number") return Math.floor(x / 86400000);
  if (typeof x !== "string" || !/^\d{4}-\d\d-\d\d$/.test(x.trim())) return null;
  const ms = Date.parse(`${x.trim()}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms / 86400000;
}

/** TIME values are milliseconds since midnight. */
export function castTime(x: unknown): number | null {
  if (typeof x === "number") return ((x % 86400000) + 86400000) % 86400000;
  const m = typeof x === "string" && /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/.exec(x.trim());
  if (!m) return null;
  const [h, min, s = "0", frac = "0"] = m.slice(1);
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + Number(frac.padEnd(3, "0"));
}
