// Splits expression (and statement) text into tokens with line/column/offset. Shared with
// packages/sql, which tokenizes whole statements and hands expression spans to the parser.
import { type ExprError, fail, ok, type Result } from "./result";

export type TokenType =
  | "identifier" // bare word, keywords included: the parser decides what a word means
  | "quoted" // `backtick` or "double-quoted" identifier; keeps its case
  | "string" // 'single-quoted' string literal
  | "integer"
  | "decimal" // digits with a point: a DECIMAL literal in ksqlDB
  | "double" // digits with an exponent: a DOUBLE literal
  | "symbol"
  | "eof";

/**
 * One token. `image` is the exact source text; `text` is its value (a string literal without
 * quotes and with '' unescaped, a quoted identifier without backticks, otherwise the image).
 */
export interface Token {
  type: TokenType;
  text: string;
  image: string;
  line: number;
  column: number;
  offset: number;
}

/** One sticky pattern, capture group i+1 for KINDS[i], tried in this order at each offset. */
const TOKEN = new RegExp(
  [
    /(\s+|--[^\n]*|\/\*[\s\S]*?\*\/)/,
    /((?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+)/,
    /(\d+\.\d+|\.\d+)/,
    /(\d+)/,
    /([\p{L}_][\p{L}\p{N}_$@]*)/u,
    /(`(?:[^`]|``)*`|"(?:[^"]|"")*")/,
    /('(?:[^']|'')*')/,
    /(\|\||<>|!=|<=|>=|->|:=|\/(?!\*)|[()[\],.;*%+\-=<>:])/,
  ]
    .map((r) => r.source)
    .join("|"),
  "uy",
);

const KINDS = [
  "skip",
  "double",
  "decimal",
  "integer",
  "identifier",
  "quoted",
  "string",
  "symbol",
] as const;

/**
 * Tokenizes `text`; the last token is always `{ type: "eof", image: "" }`.
 * @example tokenize("amount > 100").value.map((t) => t.image) // ["amount", ">", "100", ""]
 */
export function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  while (offset < text.length) {
    const column = offset - lineStart + 1;
    TOKEN.lastIndex = offset;
    const m = TOKEN.exec(text);
    if (!m) return fail([unexpectedCharacter(text, { line, column, offset })]);
    const image = m[0];
    const type = kindOf(m);
    if (type !== "skip")
      tokens.push({ type, text: tokenValue(type, image), image, line, column, offset });
    // Only whitespace, comments, strings and quoted names can span lines.
    for (let nl = image.indexOf("\n"); nl >= 0; nl = image.indexOf("\n", nl + 1)) {
      line++;
      lineStart = offset + nl + 1;
    }
    offset += image.length;
  }
  tokens.push({ type: "eof", text: "", image: "", line, column: offset - lineStart + 1, offset });
  return ok(tokens);
}

function kindOf(m: RegExpExecArray): TokenType | "skip" {
  let group = 1;
  while (m[group] === undefined) group++;
  return KINDS[group - 1];
}

function tokenValue(type: TokenType, image: string): string {
  if (type === "string") return image.slice(1, -1).replace(/''/g, "'");
  if (type === "quoted") {
    const q = image[0];
    return image.slice(1, -1).replaceAll(q + q, q);
  }
  return image;
}

function unexpectedCharacter(
  text: string,
  where: { line: number; column: number; offset: number },
): ExprError {
  const c = text[where.offset];
  const message =
    c === "'"
      ? "unterminated string literal: add the closing '"
      : c === "`" || c === '"'
        ? `unterminated quoted identifier: add the closing ${c}`
        : c === "/" && text[where.offset + 1] === "*"
          ? "unterminated comment: add the closing */"
          : `unexpected character '${c}'`;
  return { message, line: where.line, column: where.column, length: 1 };
}
