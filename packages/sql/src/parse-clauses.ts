// Small grammar pieces shared by statements: WITH properties, durations, column types and
// window clauses.
import { formatType, parseType } from "@riffle/expr";
import type { Properties, WindowSpec } from "./ast";
import type { Cursor } from "./cursor";
import { fail, type Position } from "./errors";

const UNIT_MS: Record<string, number> = {
  MILLISECOND: 1,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/** `30 SECONDS`, `1 MINUTE`, `100 MILLISECONDS`: a duration in milliseconds. */
export function parseDuration(c: Cursor): number {
  const n = c.integer("a duration");
  const t = c.peek();
  const unit = t?.image.toUpperCase().replace(/S$/, "");
  if (!unit || UNIT_MS[unit] === undefined) {
    c.unexpected("a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS)");
  }
  c.acceptWord(t!.image.toUpperCase());
  return n * UNIT_MS[unit];
}

/** A duration in a property, e.g. WINDOW_SIZE = '30 SECONDS', in milliseconds. */
export function durationText(text: string, position: Position): number {
  const m = /^\s*(\d+)\s*([A-Za-z]+?)S?\s*$/i.exec(text);
  const ms = m ? UNIT_MS[m[2].toUpperCase()] : undefined;
  if (!m || ms === undefined)
    fail(`Invalid duration: '${text}' (expected e.g. '30 SECONDS')`, position);
  return Number(m[1]) * ms;
}

/** `WITH (NAME = value, ...)`; names upper-cased. */
export function parseProperties(c: Cursor): Properties {
  const props: Properties = new Map();
  if (!c.acceptWord("WITH")) return props;
  c.expectPunct("(");
  do {
    const name = c.ident("a property name");
    c.expectPunct("=");
    const position = c.position();
    props.set(name.name.toUpperCase(), { value: c.literal().text, position });
  } while (c.acceptPunct(","));
  c.expectPunct(")");
  return props;
}

/** A column type up to the next `,`, `)` or KEY at nesting depth 0, normalised by expr. */
export function parseColumnType(c: Cursor): string {
  const start = c.position();
  const parts: string[] = [];
  let depth = 0;
  while (!c.atEnd) {
    if (depth === 0 && (c.isPunct(",") || c.isPunct(")") || c.isWord("KEY"))) break;
    if (depth === 0 && c.isWord("PRIMARY")) break;
    const image = c.peek()!.image;
    if (image === "<" || image === "(") depth++;
    if (image === ">" || image === ")") depth--;
    if (image === ">>") depth -= 2;
    parts.push(c.advance().image);
  }
  if (parts.length === 0) c.unexpected("a column type");
  const parsed = parseType(parts.join(" "));
  if (!parsed.ok) fail(parsed.errors[0].message, start);
  return formatType(parsed.value);
}

/** `WINDOW TUMBLING (...) | HOPPING (...) | SESSION (...)` after the WINDOW keyword. */
export function parseWindow(c: Cursor): WindowSpec {
  let spec: WindowSpec;
  if (c.acceptWord("TUMBLING")) {
    c.expectPunct("(");
    c.expectWord("SIZE");
    spec = { type: "tumbling", sizeMs: parseDuration(c) };
  } else if (c.acceptWord("HOPPING")) {
    c.expectPunct("(");
    c.expectWord("SIZE");
    const sizeMs = parseDuration(c);
    c.expectPunct(",");
    c.expectWord("ADVANCE", "BY");
    spec = { type: "hopping", sizeMs, advanceMs: parseDuration(c) };
  } else if (c.acceptWord("SESSION")) {
    c.expectPunct("(");
    spec = { type: "session", gapMs: parseDuration(c) };
  } else {
    c.unexpected("TUMBLING, HOPPING or SESSION");
  }
  while (c.acceptPunct(",")) {
    if (c.acceptWord("RETENTION")) spec.retentionMs = parseDuration(c);
    else if (c.acceptWord("GRACE", "PERIOD")) spec.graceMs = parseDuration(c);
    else c.unexpected("RETENTION or GRACE PERIOD");
  }
  c.expectPunct(")");
  return spec;
}
