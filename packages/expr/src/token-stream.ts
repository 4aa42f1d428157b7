// A cursor over tokens for the hand-written parsers: peeking past the end yields an
// end-of-input token, and failures throw ParseFailure, turned into a Result at the boundary.
import { ParseFailure, type Position } from "./result";
import type { Token } from "./tokenizer";

export class TokenStream {
  constructor(
    private readonly tokens: Token[],
    public index: number,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[this.index + ahead] ?? this.endToken();
  }

  next(): Token {
    const t = this.peek();
    if (t.type !== "eof") this.index++;
    return t;
  }

  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.type === "identifier" && t.image.toUpperCase() === word;
  }

  isSymbol(symbol: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.type === "symbol" && t.image === symbol;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }

  acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.index++;
    return true;
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) this.unexpected(word);
    return this.next();
  }

  expectSymbol(symbol: string): Token {
    if (!this.isSymbol(symbol)) this.unexpected(`'${symbol}'`);
    return this.next();
  }

  /** Fails with "expected X but found Y" at the current token. */
  unexpected(expected: string): never {
    const t = this.peek();
    const found = t.type === "eof" ? "end of input" : `'${t.image}'`;
    return this.fail(`expected ${expected} but found ${found}`, t);
  }

  fail(message: string, token: Token = this.peek()): never {
    const p = positionOf(token);
    throw new ParseFailure({ message, line: p.line, column: p.column, length: p.length });
  }

  /** The span from `first` up to the last consumed token. */
  spanFrom(first: Token): Position {
    const last = this.tokens[this.index - 1] ?? first;
    return { ...positionOf(first), length: last.offset + last.image.length - first.offset };
  }

  private endToken(): Token {
    const last = this.tokens[this.tokens.length - 1];
    if (!last) return { type: "eof", text: "", image: "", line: 1, column: 1, offset: 0 };
    if (last.type === "eof") return last;
    const lines = last.image.split("\n");
    const tail = lines[lines.length - 1];
    const column = lines.length > 1 ? tail.length + 1 : last.column + last.image.length;
    return {
      type: "eof",
      text: "",
      image: "",
      line: last.line + lines.length - 1,
      column,
      offset: last.offset + last.image.length,
    };
  }
}

export function positionOf(t: Token): Position {
  return { line: t.line, column: t.column, offset: t.offset, length: Math.max(t.image.length, 1) };
}
