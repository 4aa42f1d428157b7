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

const SYMBOLS = [
  "||",
  "<>",
  "!=",
  "<=",
  ">=",
  "->",
  ":=",
  "(",
  ")",
  "[",
  "]",
  ",",
  ".",
  ";",
].concat(["*", "/", "%", "+", "-", "=", "<", ">", ":"]);

const PATTERNS: [TokenType | "skip", RegExp][] = [
  ["skip", /\s+|--[^\n]*|\/\*[\s\S]*?\*\//y],
  ["double", /(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+/y],
  ["decimal", /\d+\.\d+|\.\d+/y],
  ["integer", /\d+/y],
  ["identifier", /[\p{L}_][\p{L}\p{N}_$@]*/uy],
  ["quoted", /`(?:[^`]|``)*`|"(?:[^"]|"")*"/y],
  ["string", /'(?:[^']|'')*'/y],
];

/**
 * Tokenizes `text`; the last token is always `{ type: "eof", image: "" }`.
 * @example tokenize("amount > 100").value.map((t) => t.image) // ["amount", ">", "100", ""]
 */
export function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const at = () => ({ line, column: offset - lineStart + 1, offset });
  while (offset < text.length) {
    const match = matchAt(text, offset);
    if (!match) return fail([unexpectedCharacter(text, at())]);
    const [type, image] = match;
    if (type !== "skip") tokens.push({ type, text: tokenValue(type, image), image, ...at() });
    for (let i = offset; i < offset + image.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    offset += image.length;
  }
  tokens.push({ type: "eof", text: "", image: "", ...at() });
  return ok(tokens);
}

function matchAt(text: string, offset: number): [TokenType | "skip", string] | undefined {
  for (const [type, re] of PATTERNS) {
    re.lastIndex = offset;
    const m = re.exec(text);
    if (m) return [type, m[0]];
  }
  if (text.startsWith("/*", offset)) return undefined;
  const symbol = SYMBOLS.find((s) => text.startsWith(s, offset));
  return symbol ? ["symbol", symbol] : undefined;
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
