// Java DateTimeFormatter patterns, the subset ksqlDB users write: y M d H h m s S a E X x Z and
// 'quoted text'. Formats epoch millis and parses text back, both in a given time zone.
import { fromLocal, zoneOffset } from "./time-zone";

type Part = { letter: string; count: number } | { literal: string };

const LETTERS = new Set(["y", "M", "d", "H", "h", "m", "s", "S", "a", "E", "X", "x", "Z"]);
// biome-ignore format: a packed list reads best
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const compiled = new Map<string, Part[] | null>();

/** The pattern's parts, or null when it uses a letter outside the supported subset. */
export function patternParts(pattern: string): Part[] | null {
  let parts = compiled.get(pattern);
  if (parts !== undefined) return parts;
  parts = splitPattern(pattern);
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, parts);
  return parts;
}

function splitPattern(pattern: string): Part[] | null {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const text = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      parts.push({ literal: text === "" ? "'" : text });
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c)) return null;
      let j = i;
      while (pattern[j] === c) j++;
      parts.push({ letter: c, count: j - i });
      i = j;
    } else {
      parts.push({ literal: c });
      i++;
    }
  }
  return parts;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function formatInstant(epochMs: number, pattern: string, zone: string): string | null {
  const parts = patternParts(pattern);
  const offset = zoneOffset(zone, epochMs);
  if (!parts || offset === null) return null;
  const d = new Date(epochMs + offset);
  return parts
    .map((p) => ("literal" in p ? p.literal : field(d, p.letter, p.count, offset)))
    .join("");
}

function field(d: Date, letter: string, count: number, offset: number): string {
  switch (letter) {
    case "y":
      return count === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), count);
    case "M":
      if (count >= 3)
        return count === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : MONTHS[d.getUTCMonth()];
      return pad(d.getUTCMonth() + 1, count);
    case "d":
      return pad(d.getUTCDate(), count);
    case "H":
      return pad(d.getUTCHours(), count);
    case "h":
      return pad(d.getUTCHours() % 12 || 12, count);
    case "m":
      return pad(d.getUTCMinutes(), count);
    case "s":
      return pad(d.getUTCSeconds(), count);
    case "S":
      return pad(d.getUTCMilliseconds(), 3).padEnd(count, "0").slice(0, count);
    case "a":
      return d.getUTCHours() < 12 ? "AM" : "PM";
    case "E":
      return count >= 4 ? DAYS[d.getUTCDay()] : DAYS[d.getUTCDay()].slice(0, 3);
    default:
      return formatOffset(letter, count, offset);
  }
}

function formatOffset(letter: string, count: number, offset: number): string {
  if (offset === 0 && letter === "X") return "Z";
  const minutes = Math.abs(offset) / 60000;
  const sign = offset < 0 ? "-" : "+";
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (letter === "Z") return `${sign}${hh}${mm}`;
  if (count === 1) return mm === "00" ? `${sign}${hh}` : `${sign}${hh}${mm}`;
  return count === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/** Epoch millis of `text` read with `pattern` in `zone` (an offset in the text wins); null if it does not match. */
export function parseInstant(text: string, pattern: string, zone: string): number | null {
  const parts = patternParts(pattern);
  if (!parts) return null;
  const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0, pm: -1 };
  let offset: number | null = null;
  let at = 0;
  for (const p of parts) {
    if ("literal" in p) {
      if (!text.startsWith(p.literal, at)) return null;
      at += p.literal.length;
      continue;
    }
    const read = readField(text, at, p.letter, p.count);
    if (!read) return null;
    at = read.end;
    if (p.letter === "X" || p.letter === "x" || p.letter === "Z") offset = read.value;
    else assign(f, p.letter, read.value, p.count);
  }
  if (at !== text.length) return null;
  const hour = f.pm === -1 ? f.hour : (f.hour % 12) + (f.pm ? 12 : 0);
  const local = Date.UTC(f.year, f.month - 1, f.day, hour, f.minute, f.second, f.ms);
  return offset !== null ? local - offset : fromLocal(local, zone);
}

type Fields = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  pm: number;
};

function assign(f: Fields, letter: string, value: number, count: number): void {
  if (letter === "y") f.year = count === 2 ? 2000 + value : value;
  else if (letter === "M") f.month = value;
  else if (letter === "d") f.day = value;
  else if (letter === "H" || letter === "h") f.hour = value;
  else if (letter === "m") f.minute = value;
  else if (letter === "s") f.second = value;
  else if (letter === "S") f.ms = Math.round(value / 10 ** (count - 3));
  else if (letter === "a") f.pm = value;
}

function readField(
  text: string,
  at: number,
  letter: string,
  count: number,
): { value: number; end: number } | null {
  if (letter === "a") {
    const word = text.slice(at, at + 2).toUpperCase();
    return word === "AM" || word === "PM" ? { value: word === "PM" ? 1 : 0, end: at + 2 } : null;
  }
  if (letter === "E") return readName(text, at, DAYS);
  if (letter === "M" && count >= 3) {
    const r = readName(text, at, MONTHS);
    return r && { value: r.value + 1, end: r.end };
  }
  if (letter === "X" || letter === "x" || letter === "Z") return readOffset(text, at);
  const fixed = count >= 2 || letter === "S";
  const m = (
    fixed ? new RegExp(`^\\d{${letter === "y" && count > 2 ? "4,9" : count}}`) : /^\d{1,2}/
  ).exec(text.slice(at));
  return m ? { value: Number(m[0]), end: at + m[0].length } : null;
}

function readName(
  text: string,
  at: number,
  names: string[],
): { value: number; end: number } | null {
  const rest = text.slice(at).toLowerCase();
  for (const [i, name] of names.entries()) {
    for (const candidate of [name, name.slice(0, 3)]) {
      if (rest.startsWith(candidate.toLowerCase())) return { value: i, end: at + candidate.length };
    }
  }
  return null;
}

function readOffset(text: string, at: number): { value: number; end: number } | null {
  if (text[at] === "Z") return { value: 0, end: at + 1 };
  const m = /^([+-])(\d\d)(?::?(\d\d))?/.exec(text.slice(at));
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return { value: (m[1] === "-" ? -minutes : minutes) * 60000, end: at + m[0].length };
}
