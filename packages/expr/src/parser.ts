// Hand-written Pratt parser for the ksqlDB expression grammar. It parses from any index of a
// token array, so packages/sql can hand it the expressions embedded in statements.
import { type BinaryOp, type CaseWhen, depthOf, type Expr, type LiteralValue } from "./ast";
import { Bp, binaryPrecedence } from "./precedence";
import { errorAt, fail, ok, ParseFailure, type Result } from "./result";
import { positionOf, TokenStream } from "./token-stream";
import { type Token, tokenize } from "./tokenizer";
import { parseTypeFrom } from "./type-parser";
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  decimal,
  INT,
  NULL,
  RESERVED,
  type SqlType,
  STRING,
} from "./types";

const BINARY_SYMBOLS: Record<string, BinaryOp> = {
  "||": "||",
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  "%": "%",
  "=": "=",
  "<>": "<>",
  "!=": "<>",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

const NEGATABLE = ["LIKE", "IN", "BETWEEN"];

/** Deeper nesting than any real expression; it keeps recursion far from the stack limit. */
const MAX_DEPTH = 256;
const TOO_DEEP = `expression nested more than ${MAX_DEPTH} levels deep`;

/**
 * Parses one whole expression.
 * @example parseExpression("amount > 100 AND region = 'EU'")
 */
export function parseExpression(text: string): Result<Expr> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const parsed = parseExpressionAt(tokens.value, 0);
  if (!parsed.ok) return parsed;
  const rest = tokens.value[parsed.value.next];
  if (rest && rest.type !== "eof") {
    const p = positionOf(rest);
    const message = `unexpected '${rest.image}' after the end of the expression`;
    return fail([{ message, line: p.line, column: p.column, length: p.length }]);
  }
  return ok(parsed.value.expr);
}

/**
 * Parses the longest expression starting at `tokens[index]`; `next` is the index of the first
 * token after it (e.g. a FROM or AS that ends a SELECT item).
 */
export function parseExpressionAt(
  tokens: Token[],
  index: number,
): Result<{ expr: Expr; next: number }> {
  const s = new TokenStream(tokens, index);
  try {
    const expr = new ExpressionParser(s).expression(0);
    // Long operator chains nest without parser recursion; the later passes do recurse.
    if (depthOf(expr) > MAX_DEPTH) return fail([errorAt(expr.pos, TOO_DEEP)]);
    return ok({ expr, next: s.index });
  } catch (e) {
    if (e instanceof ParseFailure) return fail([e.error]);
    throw e;
  }
}

class ExpressionParser {
  private depth = 0;

  constructor(private readonly s: TokenStream) {}

  expression(minBp: number): Expr {
    if (++this.depth > MAX_DEPTH) this.s.fail(TOO_DEEP);
    const expr = this.expressionFrom(minBp);
    this.depth--;
    return expr;
  }

  private expressionFrom(minBp: number): Expr {
    let left = this.prefix();
    for (;;) {
      const bp = this.infixPrecedence();
      if (bp === undefined || bp < minBp) return left;
      left = this.infix(left, bp);
      if (bp === Bp.Predicate && this.infixPrecedence() === Bp.Predicate) {
        this.s.fail("comparisons cannot be chained: add parentheses");
      }
    }
  }

  private infixPrecedence(): number | undefined {
    const t = this.s.peek();
    if (t.type === "symbol") {
      if (t.image === "[" || t.image === "->") return Bp.Postfix;
      const op = BINARY_SYMBOLS[t.image];
      return op ? binaryPrecedence(op) : undefined;
    }
    if (t.type !== "identifier") return undefined;
    const word = t.image.toUpperCase();
    if (word === "AND") return Bp.And;
    if (word === "OR") return Bp.Or;
    if (word === "IS" || NEGATABLE.includes(word)) return Bp.Predicate;
    if (word === "NOT" && NEGATABLE.some((w) => this.s.isWord(w, 1))) return Bp.Predicate;
    return undefined;
  }

  private infix(left: Expr, bp: number): Expr {
    const s = this.s;
    const t = s.next();
    const pos = positionOf(t);
    if (t.type === "symbol") {
      if (t.image === "[") {
        const index = this.expression(0);
        s.expectSymbol("]");
        return { kind: "index", base: left, index, pos };
      }
      if (t.image === "->") {
        const { name, quoted } = this.name("a field name after '->'");
        return { kind: "deref", base: left, field: name, ...(quoted ? { quoted } : {}), pos };
      }
      const op = BINARY_SYMBOLS[t.image];
      return { kind: "binary", op, left, right: this.expression(bp + 1), pos };
    }
    const word = t.image.toUpperCase();
    if (word === "AND" || word === "OR") {
      return { kind: "binary", op: word, left, right: this.expression(bp + 1), pos };
    }
    if (word === "IS") return this.isPredicate(left, pos);
    const negated = word === "NOT";
    const keyword = negated ? s.next().image.toUpperCase() : word;
    if (keyword === "LIKE") {
      const pattern = this.expression(Bp.Concat);
      const escapeExpr = s.acceptWord("ESCAPE") ? this.expression(Bp.Concat) : undefined;
      return {
        kind: "like",
        operand: left,
        pattern,
        ...(escapeExpr ? { escape: escapeExpr } : {}),
        negated,
        pos,
      };
    }
    if (keyword === "IN") {
      s.expectSymbol("(");
      const list = this.list(")");
      if (list.length === 0) s.fail("IN needs at least one value", t);
      return { kind: "in", operand: left, list, negated, pos };
    }
    const low = this.expression(Bp.Concat);
    s.expectWord("AND");
    const high = this.expression(Bp.Concat);
    return { kind: "between", operand: left, low, high, negated, pos };
  }

  private isPredicate(left: Expr, pos: Expr["pos"]): Expr {
    const s = this.s;
    const negated = s.acceptWord("NOT");
    if (s.acceptWord("NULL")) return { kind: "isNull", operand: left, negated, pos };
    if (s.acceptWord("DISTINCT")) {
      s.expectWord("FROM");
      const right = this.expression(Bp.Concat);
      return { kind: "distinct", left, right, negated, pos };
    }
    return s.unexpected("NULL or DISTINCT FROM after IS");
  }

  private prefix(): Expr {
    const s = this.s;
    const t = s.peek();
    const pos = positionOf(t);
    switch (t.type) {
      case "integer": {
        s.next();
        const n = BigInt(t.image);
        if (n > 9223372036854775807n) s.fail(`integer ${t.image} is out of BIGINT range`, t);
        return literal(Number(n), n > 2147483647n ? BIGINT : INT, pos);
      }
      case "decimal":
        s.next();
        return literal(Number(t.image), decimalLiteralType(t.image), pos);
      case "double":
        s.next();
        return literal(Number(t.image), DOUBLE, pos);
      case "string":
        s.next();
        return literal(t.text, STRING, pos);
      case "quoted":
        return this.column();
      case "identifier":
        return this.word(t);
      case "symbol":
        return this.symbolPrefix(t);
      default:
        return s.unexpected("an expression");
    }
  }

  private symbolPrefix(t: Token): Expr {
    const s = this.s;
    if (t.image === "(") {
      s.next();
      const inner = this.expression(0);
      s.expectSymbol(")");
      return inner;
    }
    if (t.image === "-" || t.image === "+") {
      s.next();
      const operand = this.expression(Bp.Unary);
      return t.image === "+" ? operand : { kind: "unary", op: "-", operand, pos: positionOf(t) };
    }
    return s.unexpected("an expression");
  }

  private word(t: Token): Expr {
    const s = this.s;
    const word = t.image.toUpperCase();
    const pos = positionOf(t);
    switch (word) {
      case "NULL":
        s.next();
        return literal(null, NULL, pos);
      case "TRUE":
      case "FALSE":
        s.next();
        return literal(word === "TRUE", BOOLEAN, pos);
      case "NOT":
        s.next();
        return { kind: "unary", op: "NOT", operand: this.expression(Bp.Not), pos };
      case "CASE":
        s.next();
        return this.caseExpression(pos);
      case "CAST":
        return this.cast(pos);
    }
    if (word === "ARRAY" && s.isSymbol("[", 1)) {
      s.next();
      s.next();
      return { kind: "array", elements: this.list("]"), pos };
    }
    if (word === "MAP" && s.isSymbol("(", 1)) return this.mapConstructor(pos);
    if (word === "STRUCT" && s.isSymbol("(", 1)) return this.structConstructor(pos);
    if (s.isSymbol("(", 1)) {
      s.next();
      s.next();
      return { kind: "call", name: word, args: this.list(")"), pos };
    }
    if (RESERVED.has(word)) return s.unexpected("an expression");
    return this.column();
  }

  /** `name`, `Q.name`, `` `Name` `` or `` Q.`Name` ``. */
  private column(): Expr {
    const s = this.s;
    const first = s.peek();
    let column = this.name("a column name");
    let qualifier: { qualifier: string } | object = {};
    if (s.isSymbol(".") && ["identifier", "quoted"].includes(s.peek(1).type)) {
      s.next();
      qualifier = { qualifier: column.name };
      column = this.name("a column name");
    }
    return { kind: "column", ...column, ...qualifier, pos: s.spanFrom(first) };
  }

  /** An identifier: a bare word that is not reserved, or a quoted name (kept exactly). */
  private name(what: string): { name: string; quoted?: true } {
    const t = this.s.peek();
    if (t.type === "quoted") {
      this.s.next();
      return { name: t.text, quoted: true };
    }
    if (t.type !== "identifier" || RESERVED.has(t.image.toUpperCase())) this.s.unexpected(what);
    this.s.next();
    return { name: t.text };
  }

  private caseExpression(pos: Expr["pos"]): Expr {
    const s = this.s;
    const operand = s.isWord("WHEN") ? undefined : this.expression(0);
    const whens: CaseWhen[] = [];
    while (s.acceptWord("WHEN")) {
      const when = this.expression(0);
      s.expectWord("THEN");
      whens.push({ when, result: this.expression(0) });
    }
    if (whens.length === 0) s.unexpected("WHEN");
    const otherwise = s.acceptWord("ELSE") ? this.expression(0) : undefined;
    s.expectWord("END");
    return {
      kind: "case",
      ...(operand ? { operand } : {}),
      whens,
      ...(otherwise ? { otherwise } : {}),
      pos,
    };
  }

  private cast(pos: Expr["pos"]): Expr {
    const s = this.s;
    s.next();
    s.expectSymbol("(");
    const operand = this.expression(0);
    s.expectWord("AS");
    const type = parseTypeFrom(s);
    s.expectSymbol(")");
    return { kind: "cast", operand, type, pos };
  }

  /** `MAP(k := v, ...)` or `MAP(k, v, ...)`. */
  private mapConstructor(pos: Expr["pos"]): Expr {
    const entries = this.entries(() => {
      const key = this.expression(0);
      if (!this.s.acceptSymbol(":=")) this.s.expectSymbol(",");
      return { key, value: this.expression(0) };
    });
    return { kind: "map", entries, pos };
  }

  /** `STRUCT(name := value, ...)`; unquoted field names are upper-cased (ksqlDB). */
  private structConstructor(pos: Expr["pos"]): Expr {
    const fields = this.entries(() => {
      const { name, quoted } = this.name("a field name");
      this.s.expectSymbol(":=");
      return { name: quoted ? name : name.toUpperCase(), value: this.expression(0) };
    });
    return { kind: "struct", fields, pos };
  }

  /** After a constructor word: `(` entry, ... `)`, possibly empty. */
  private entries<T>(entry: () => T): T[] {
    this.s.next();
    this.s.next();
    const items: T[] = [];
    if (this.s.acceptSymbol(")")) return items;
    do items.push(entry());
    while (this.s.acceptSymbol(","));
    this.s.expectSymbol(")");
    return items;
  }

  /** Comma-separated expressions up to `close` (consumed); may be empty. */
  private list(close: string): Expr[] {
    const items: Expr[] = [];
    if (this.s.acceptSymbol(close)) return items;
    do items.push(this.expression(0));
    while (this.s.acceptSymbol(","));
    this.s.expectSymbol(close);
    return items;
  }
}

function literal(value: LiteralValue, type: SqlType, pos: Expr["pos"]): Expr {
  return { kind: "literal", type, value, pos };
}

/** DECIMAL(p, s) of a literal such as `12.50`: s digits after the point, p significant digits. */
export function decimalLiteralType(image: string): SqlType {
  const [whole, fraction = ""] = image.split(".");
  const integerDigits = whole.replace(/^0+/, "").length;
  return decimal(Math.max(integerDigits + fraction.length, 1), fraction.length);
}
