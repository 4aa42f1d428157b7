// A cursor over one statement's tokens (from @riffle/expr's tokenizer) with the keyword and
// identifier helpers the statement grammar needs; expressions are handed to parseExpressionAt.
import { type Expr, parseExpressionAt, type Token, tokenize } from "@riffle/expr";
import { fail, type Position, SqlFailure } from "./errors";
import type { StatementText } from "./script";

/** An identifier as ksqlDB resolves it: unquoted upper-cased, backticks keep case. */
export interface Ident {
  name: string;
  quoted: boolean;
  position: Position;
}

/** An expression embedded in a statement: its AST, its tokens and its source text. */
export interface ExprRef {
  /** The AST when parsed in place; absent for sub-expressions cut from a larger one. */
  expr?: Expr;
  tokens: Token[];
  text: string;
  position: Position;
  /** Script-wide position of one of `tokens`. */
  locate: (token: Token) => Position;
}

export class Cursor {
  private index = 0;

  private constructor(
    private readonly statement: StatementText,
    private readonly tokens: Token[],
  ) {}

  static of(statement: StatementText): Cursor {
    const result = tokenize(statement.text);
    if (!result.ok) {
      const e = result.errors[0];
      const at = { line: e.line, column: e.column, length: e.length };
      throw new SqlFailure(e.message, shift(statement, at));
    }
    return new Cursor(statement, starArguments(result.value));
  }

  get atEnd(): boolean {
    return this.peek() === undefined;
  }

  /** The token `ahead` of the current one; undefined at the end of the statement. */
  peek(ahead = 0): Token | undefined {
    const t = this.tokens[this.index + ahead];
    return t && t.type !== "eof" ? t : undefined;
  }

  /** Position of the current token, or just past the statement at its end. */
  position(token: Token | undefined = this.peek()): Position {
    if (!token) {
      const lines = this.statement.text.split("\n");
      const last = lines[lines.length - 1];
      return shift(this.statement, { line: lines.length, column: last.length + 1 });
    }
    return shift(this.statement, {
      line: token.line,
      column: token.column,
      length: token.image.length,
    });
  }

  /** True when the current token is the word `word` (case-insensitive, unquoted). */
  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t?.type === "identifier" && t.image.toUpperCase() === word;
  }

  isPunct(p: string, ahead = 0): boolean {
    return this.peek(ahead)?.image === p;
  }

  acceptWord(...words: string[]): boolean {
    if (!words.every((w, i) => this.isWord(w, i))) return false;
    this.index += words.length;
    return true;
  }

  expectWord(...words: string[]): void {
    for (const w of words) {
      if (!this.acceptWord(w)) this.unexpected(w);
    }
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.index++;
    return true;
  }

  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) this.unexpected(`'${p}'`);
  }

  unexpected(expected: string): never {
    const t = this.peek();
    const found = t ? `'${t.image}'` : "end of statement";
    fail(`Syntax error: expected ${expected} but found ${found}`, this.position());
  }

  /** True when the current token can be an identifier (a word not in `reserved`, or quoted). */
  isIdent(reserved: ReadonlySet<string> = NO_WORDS): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.type === "quoted") return true;
    return t.type === "identifier" && !reserved.has(t.image.toUpperCase());
  }

  ident(what = "an identifier", reserved: ReadonlySet<string> = NO_WORDS): Ident {
    if (!this.isIdent(reserved)) this.unexpected(what);
    const t = this.peek()!;
    const position = this.position();
    this.index++;
    return identOf(t.image, position);
  }

  /** A string literal's value (single quotes, '' escapes a quote). */
  string(what = "a string literal"): string {
    const t = this.peek();
    if (!t?.image.startsWith("'")) this.unexpected(what);
    this.index++;
    return t.image.slice(1, -1).replace(/''/g, "'");
  }

  integer(what = "a number"): number {
    const t = this.peek();
    if (!t || !/^\d+$/.test(t.image)) this.unexpected(what);
    this.index++;
    return Number(t.image);
  }

  /** Any literal token's raw text (string, number, word) for WITH property values. */
  literal(): { text: string; kind: "string" | "number" | "word" } {
    const t = this.peek();
    if (!t) this.unexpected("a value");
    if (t.type === "string") return { text: this.string(), kind: "string" };
    this.index++;
    if (/^-?[\d.]/.test(t.image)) return { text: t.image, kind: "number" };
    if (t.image === "-" && this.peek() && /^\d/.test(this.peek()!.image)) {
      return { text: `-${this.tokens[this.index++].image}`, kind: "number" };
    }
    return { text: t.image, kind: "word" };
  }

  expression(): ExprRef {
    const start = this.index;
    if (this.atEnd) this.unexpected("an expression");
    const result = parseExpressionAt(this.tokens, start);
    if (!result.ok) {
      const e = result.errors[0];
      throw new SqlFailure(
        e.message,
        shift(this.statement, { line: e.line, column: e.column, length: e.length }),
      );
    }
    this.index = result.value.next;
    const tokens = this.tokens.slice(start, this.index);
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const text = this.statement.text.slice(first.offset, last.offset + last.image.length);
    const locate = (t: Token) => this.position(t);
    return { expr: result.value.expr, tokens, text, position: this.position(first), locate };
  }

  /** Consumes the current token whatever it is. */
  advance(): Token {
    const t = this.peek();
    if (!t) this.unexpected("more input");
    this.index++;
    return t;
  }
}

const NO_WORDS: ReadonlySet<string> = new Set();

/** `COUNT(*)`: the expression grammar has no `*` argument, so the star is handed to it as a
 *  column named `*` (its image is kept, so the source text is unchanged). */
function starArguments(tokens: Token[]): Token[] {
  return tokens.map((t, i) =>
    t.image === "*" && tokens[i - 1]?.image === "(" && tokens[i + 1]?.image === ")"
      ? { ...t, type: "identifier", text: "*" }
      : t,
  );
}

export function identOf(image: string, position: Position): Ident {
  const quote = image[0];
  if (quote === "`" || quote === '"') {
    return { name: image.slice(1, -1).replaceAll(quote + quote, quote), quoted: true, position };
  }
  return { name: image.toUpperCase(), quoted: false, position };
}

/** Moves a statement-relative position to the whole script. */
function shift(statement: StatementText, at: Position): Position {
  return {
    line: statement.line + at.line - 1,
    column: at.line === 1 ? statement.column + at.column - 1 : at.column,
    ...(at.length !== undefined ? { length: at.length } : {}),
  };
}
