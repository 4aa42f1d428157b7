// Token-level view of an embedded expression: where its column references and aggregate
// calls are, and splicing replacements into its text. The planner rewrites expressions this
// way (qualifiers dropped, aggregates replaced by their columns) and re-parses the result.

import type { Token } from "@riffle/expr";
import { AggregateFunction } from "@riffle/topology";
import type { ExprRef } from "./cursor";
import { identOf } from "./cursor";
import type { Position } from "./errors";

/** Words that are operators or literals in expressions, never column names. */
const EXPRESSION_WORDS = new Set([
  "AND",
  "OR",
  "NOT",
  "NULL",
  "TRUE",
  "FALSE",
  "CASE",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "IS",
  "IN",
  "BETWEEN",
  "LIKE",
  "ESCAPE",
  "CAST",
  "AS",
  "DISTINCT",
  "INTERVAL",
  "ARRAY",
  "MAP",
  "STRUCT",
  "FROM",
]);

/** ksqlDB's aggregate functions: the document's own list, so SQL and canvas agree. */
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set(AggregateFunction.options);

const isWord = (t: Token | undefined) => t?.type === "identifier" && t.image !== "*";
const isQuoted = (t: Token | undefined) => t?.type === "quoted";

/** A column reference: tokens [start, end) spell `NAME` or `Q.NAME`. */
export interface ColumnRef {
  start: number;
  end: number;
  qualifier?: string;
  name: string;
  position: Position;
}

/** A call of an aggregate function: tokens [start, end) spell `FN(args)`. */
export interface AggregateCall {
  start: number;
  end: number;
  fn: string;
  /** Argument token ranges, split at top-level commas; COUNT(*) has none. */
  args: { start: number; end: number }[];
}

/** Index of the token closing the parenthesis opened at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].image === "(") depth++;
    else if (tokens[i].image === ")" && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Tokens that are a CAST's target type (after `AS` inside `CAST(`), never columns. */
function castTypeTokens(tokens: Token[]): Set<number> {
  const skip = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.image.toUpperCase() !== "CAST" || tokens[i + 1]?.image !== "(") return;
    const close = closing(tokens, i + 1);
    let depth = 0;
    for (let j = i + 2; j < close; j++) {
      const image = tokens[j].image;
      if (image === "(") depth++;
      if (image === ")") depth--;
      if (depth === 0 && image.toUpperCase() === "AS") {
        for (let k = j; k < close; k++) skip.add(k);
        break;
      }
    }
  });
  return skip;
}

/** Column references of an expression; `X.Y` is always qualifier X, column Y (ksqlDB). */
export function columnRefs(ref: ExprRef): ColumnRef[] {
  const tokens = ref.tokens;
  const skip = castTypeTokens(tokens);
  const refs: ColumnRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (skip.has(i) || !(isWord(t) || isQuoted(t))) continue;
    if (isWord(t) && EXPRESSION_WORDS.has(t.image.toUpperCase())) continue;
    const prev = tokens[i - 1]?.image;
    const next = tokens[i + 1]?.image;
    if (prev === "->" || prev === "." || next === "(" || next === ":=" || next === "=>") continue;
    const ident = identOf(t.image, ref.locate(t));
    if (next === "." && (isWord(tokens[i + 2]) || isQuoted(tokens[i + 2]))) {
      const field = identOf(tokens[i + 2].image, ref.locate(tokens[i + 2]));
      refs.push({
        start: i,
        end: i + 3,
        qualifier: ident.name,
        name: field.name,
        position: ident.position,
      });
      i += 2;
      continue;
    }
    refs.push({ start: i, end: i + 1, name: ident.name, position: ident.position });
  }
  return refs;
}

export function aggregateCalls(ref: ExprRef): AggregateCall[] {
  const tokens = ref.tokens;
  const calls: AggregateCall[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isWord(t) || !AGGREGATE_FUNCTIONS.has(t.image.toUpperCase())) continue;
    if (tokens[i + 1]?.image !== "(") continue;
    const close = closing(tokens, i + 1);
    const args: { start: number; end: number }[] = [];
    let depth = 0;
    let from = i + 2;
    for (let j = i + 2; j < close; j++) {
      const image = tokens[j].image;
      if (image === "(") depth++;
      else if (image === ")") depth--;
      else if (image === "," && depth === 0) {
        args.push({ start: from, end: j });
        from = j + 1;
      }
    }
    if (from < close && !(close - from === 1 && tokens[from].image === "*")) {
      args.push({ start: from, end: close });
    }
    calls.push({ start: i, end: close + 1, fn: t.image.toUpperCase(), args });
    i = close;
  }
  return calls;
}

/** Tokens [start, end) of an expression as an expression of their own (re-parsed when used). */
export function subExpression(ref: ExprRef, start: number, end: number): ExprRef {
  return {
    tokens: ref.tokens.slice(start, end),
    text: textOf(ref, start, end),
    position: ref.locate(ref.tokens[start]),
    locate: ref.locate,
  };
}

/** Source text of tokens [start, end) of an expression. */
export function textOf(ref: ExprRef, start: number, end: number): string {
  const base = ref.tokens[0].offset;
  const first = ref.tokens[start];
  const last = ref.tokens[end - 1];
  return ref.text.slice(first.offset - base, last.offset - base + last.image.length);
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The expression's text with token ranges replaced (ranges must not overlap). */
export function splice(ref: ExprRef, splices: Splice[]): string {
  const base = ref.tokens[0].offset;
  let out = "";
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.start - b.start)) {
    const from = ref.tokens[s.start].offset - base;
    const last = ref.tokens[s.end - 1];
    out += ref.text.slice(at, from) + s.text;
    at = last.offset - base + last.image.length;
  }
  return out + ref.text.slice(at);
}
