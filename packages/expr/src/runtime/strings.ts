// Runtime of ksqlDB's string functions, with ksqlDB's edge cases (1-based SUBSTRING with
// negative starts, LPAD/RPAD truncating, CONCAT skipping nulls, MASK defaults X x n -).
import { strict } from "./strict";

/** Null-strict, and coercing to string so a record that breaks its schema cannot throw. */
function onStrings<R>(f: (...s: string[]) => R): (...args: unknown[]) => R | null {
  return strict((...args: unknown[]) => f(...args.map(String)));
}

export const ucase = onStrings((s) => s.toUpperCase());
export const lcase = onStrings((s) => s.toLowerCase());
export const trim = onStrings((s) => s.trim());
export const ltrim = onStrings((s) => s.trimStart());
export const rtrim = onStrings((s) => s.trimEnd());
export const len = onStrings((s) => s.length);
/** INITCAP: the first letter of each whitespace-separated word upper-case, the rest lower. */
export const initcap = onStrings((s) =>
  s
    .toLowerCase()
    .replace(/(^|\s)(\S)/gu, (_, space: string, first: string) => space + first.toUpperCase()),
);
export const replace = onStrings((s, from, to) => s.replaceAll(from, to));

/** CONCAT and ||: null arguments are skipped. */
export function concat(...parts: unknown[]): string {
  let out = "";
  for (const p of parts) if (p != null) out += p;
  return out;
}

/** CONCAT_WS(separator, ...): null separator gives null; null parts are skipped. */
export function concatWs(separator: unknown, ...parts: unknown[]): string | null {
  if (separator == null) return null;
  return parts.filter((p) => p != null).join(String(separator));
}

/** SUBSTRING(s, pos [, length]): 1-based; a negative pos counts from the end (ksqlDB). */
export function substring(s: unknown, pos: unknown, length?: unknown): string | null {
  if (s == null || pos == null || length === null) return null;
  const str = String(s);
  const p = pos as number;
  const start = p < 0 ? Math.max(str.length + p, 0) : Math.max(Math.min(p - 1, str.length), 0);
  if (length === undefined) return str.slice(start);
  const end = Math.max(Math.min(start + (length as number), str.length), start);
  return str.slice(start, end);
}

/** `a + b` on two STRINGs (ksqlDB): concatenation, null when either side is null. */
export const plusStrings = strict((a: unknown, b: unknown) => String(a) + String(b));

// BYTES travel as base64 text (as JSON carries them); atob/btoa give one char per byte, so the
// string helpers above work on the decoded bytes unchanged.
const fromBytes = (b: unknown) => (b == null ? b : atob(String(b)));
const toBytes = (s: string | null) => (s == null ? s : btoa(s));

/** CONCAT on BYTES: the bytes joined, null arguments skipped. */
export function concatBytes(...parts: unknown[]): string {
  return btoa(concat(...parts.map(fromBytes)));
}

/** CONCAT_WS on BYTES: null separator gives null; null parts are skipped. */
export function concatWsBytes(separator: unknown, ...parts: unknown[]): string | null {
  return toBytes(concatWs(fromBytes(separator), ...parts.map(fromBytes)));
}

/** SUBSTRING on BYTES: 1-based byte positions, as for strings. */
export function substringBytes(b: unknown, pos: unknown, length?: unknown): string | null {
  return toBytes(substring(fromBytes(b), pos, length));
}

/** SPLIT(s, delimiter): an empty delimiter splits into characters. */
export const split = onStrings((s, delimiter) => (delimiter === "" ? [...s] : s.split(delimiter)));

/**
 * INSTR(s, sub [, position [, occurrence]]): 1-based index of the occurrence-th match searching
 * from position (backwards when negative), 0 when absent.
 */
export function instr(s: unknown, sub: unknown, position: unknown = 1, occurrence: unknown = 1) {
  if (s == null || sub == null || position == null || occurrence == null) return null;
  const str = String(s);
  const needle = String(sub);
  const start = position as number;
  let found = -1;
  for (let n = 0; n < (occurrence as number); n++) {
    if (n > 0 && start < 0 && found === 0) return 0;
    found =
      start >= 0
        ? str.indexOf(needle, n === 0 ? start - 1 : found + 1)
        : str.lastIndexOf(needle, n === 0 ? str.length + start : found - 1);
    if (found < 0) return 0;
  }
  return found + 1;
}

function pad(side: "start" | "end") {
  return (s: unknown, length: unknown, padding: unknown): string | null => {
    if (s == null || length == null || padding == null) return null;
    const n = length as number;
    if (padding === "" || n < 0) return null;
    const str = String(s);
    const padded =
      side === "start" ? str.padStart(n, String(padding)) : str.padEnd(n, String(padding));
    return padded.slice(0, n);
  };
}

export const lpad = pad("start");
export const rpad = pad("end");

/** MASK(s [, upper, lower, digit, other]): a null replacement keeps that class unmasked. */
export function mask(s: unknown, ...replacements: unknown[]): string | null {
  if (s == null) return null;
  const [upper, lower, digit, other] = [0, 1, 2, 3].map((i) =>
    i < replacements.length ? replacements[i] : ["X", "x", "n", "-"][i],
  );
  let out = "";
  for (const c of String(s)) {
    const r = /\p{Lu}/u.test(c)
      ? upper
      : /\p{Ll}/u.test(c)
        ? lower
        : /\p{Nd}/u.test(c)
          ? digit
          : other;
    out += r == null ? c : String(r).charAt(0);
  }
  return out;
}
