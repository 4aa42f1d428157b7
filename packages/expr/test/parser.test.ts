import { describe, expect, it } from "vitest";
import { parseExpression, parseExpressionAt, tokenize } from "../src/index";
import { parse, tree } from "./helpers";

const col = (name: string) => ({ kind: "column", name });
const int = (value: number) => ({ kind: "literal", type: { kind: "INT" }, value });
const str = (value: string) => ({ kind: "literal", type: { kind: "STRING" }, value });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: "binary", op, left, right });

function errorOf(text: string) {
  const r = parseExpression(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.errors[0];
}

describe("literals", () => {
  it("types integer literals INT, or BIGINT beyond 2^31-1 (ksqlDB literal typing)", () => {
    expect(tree("2147483647")).toEqual(int(2147483647));
    expect(tree("2147483648")).toEqual({
      kind: "literal",
      type: { kind: "BIGINT" },
      value: 2147483648,
    });
  });

  it("types 12.50 as DECIMAL(4, 2) and 1.5E3 as DOUBLE (ksqlDB literal typing)", () => {
    expect(tree("12.50")).toEqual({
      kind: "literal",
      type: { kind: "DECIMAL", precision: 4, scale: 2 },
      value: 12.5,
    });
    expect(tree("0.05")).toMatchObject({ type: { kind: "DECIMAL", precision: 2, scale: 2 } });
    expect(tree("1.5E3")).toEqual({ kind: "literal", type: { kind: "DOUBLE" }, value: 1500 });
  });

  it("reads strings with '' escapes, booleans and NULL in any case", () => {
    expect(tree("'it''s'")).toEqual(str("it's"));
    expect(tree("true")).toEqual({ kind: "literal", type: { kind: "BOOLEAN" }, value: true });
    expect(tree("False")).toMatchObject({ value: false });
    expect(tree("null")).toEqual({ kind: "literal", type: { kind: "NULL" }, value: null });
  });
});

describe("references", () => {
  it("keeps column names as written; backticks mark a name that must match exactly", () => {
    expect(tree("Amount")).toEqual(col("Amount"));
    expect(tree("`Amount`")).toEqual({ kind: "column", name: "Amount", quoted: true });
    expect(tree("`end`")).toEqual({ kind: "column", name: "end", quoted: true });
  });

  it("parses qualified columns Q.col", () => {
    expect(tree("L.amount")).toEqual({ kind: "column", name: "amount", qualifier: "L" });
    expect(tree("L.`My Col`")).toEqual({
      kind: "column",
      name: "My Col",
      quoted: true,
      qualifier: "L",
    });
  });

  it("parses nested struct access a->b->c and 1-based indexes items[1], map['k']", () => {
    expect(tree("customer->address->city")).toEqual({
      kind: "deref",
      base: { kind: "deref", base: col("customer"), field: "address" },
      field: "city",
    });
    expect(tree("items[1]->name")).toEqual({
      kind: "deref",
      base: { kind: "index", base: col("items"), index: int(1) },
      field: "name",
    });
    expect(tree("attrs['k']")).toEqual({ kind: "index", base: col("attrs"), index: str("k") });
  });
});

describe("operators and precedence", () => {
  it("binds * / % tighter than + -, and both left-associative", () => {
    expect(tree("1 + 2 * 3")).toEqual(bin("+", int(1), bin("*", int(2), int(3))));
    expect(tree("a - b - c")).toEqual(bin("-", bin("-", col("a"), col("b")), col("c")));
    expect(tree("a / b % c")).toEqual(bin("%", bin("/", col("a"), col("b")), col("c")));
  });

  it("binds unary minus tighter than *, and postfix tighter than unary minus", () => {
    expect(tree("-a * b")).toEqual(
      bin("*", { kind: "unary", op: "-", operand: col("a") }, col("b")),
    );
    expect(tree("-a[1]")).toEqual({
      kind: "unary",
      op: "-",
      operand: { kind: "index", base: col("a"), index: int(1) },
    });
  });

  it("binds || below arithmetic and above comparison", () => {
    expect(tree("a || b = c")).toEqual(bin("=", bin("||", col("a"), col("b")), col("c")));
    expect(tree("a || 1 + 2")).toEqual(bin("||", col("a"), bin("+", int(1), int(2))));
  });

  it("binds NOT below comparison, AND below NOT, OR lowest (SQL precedence)", () => {
    expect(tree("NOT a = b")).toEqual({
      kind: "unary",
      op: "NOT",
      operand: bin("=", col("a"), col("b")),
    });
    expect(tree("a OR b AND NOT c")).toEqual(
      bin("OR", col("a"), bin("AND", col("b"), { kind: "unary", op: "NOT", operand: col("c") })),
    );
  });

  it("normalises != to <>", () => {
    expect(tree("a != 1")).toEqual(tree("a <> 1"));
  });

  it("parses every comparison operator", () => {
    for (const op of ["=", "<>", "<", "<=", ">", ">="])
      expect(tree(`a ${op} 1`)).toEqual(bin(op, col("a"), int(1)));
  });
});

describe("predicates", () => {
  it("parses IS [NOT] NULL and IS [NOT] DISTINCT FROM", () => {
    expect(tree("a IS NULL")).toEqual({ kind: "isNull", operand: col("a"), negated: false });
    expect(tree("a IS NOT NULL")).toEqual({ kind: "isNull", operand: col("a"), negated: true });
    expect(tree("a IS NOT DISTINCT FROM b")).toEqual({
      kind: "distinct",
      left: col("a"),
      right: col("b"),
      negated: true,
    });
  });

  it("parses [NOT] LIKE with an optional ESCAPE", () => {
    expect(tree("a NOT LIKE 'x!%' ESCAPE '!'")).toEqual({
      kind: "like",
      operand: col("a"),
      pattern: str("x!%"),
      escape: str("!"),
      negated: true,
    });
  });

  it("parses [NOT] IN (...) and [NOT] BETWEEN, whose AND binds before the boolean AND", () => {
    expect(tree("a NOT IN (1, 2)")).toEqual({
      kind: "in",
      operand: col("a"),
      list: [int(1), int(2)],
      negated: true,
    });
    expect(tree("a BETWEEN 1 AND 2 AND b")).toEqual(
      bin(
        "AND",
        { kind: "between", operand: col("a"), low: int(1), high: int(2), negated: false },
        col("b"),
      ),
    );
  });
});

describe("CASE, CAST, calls and constructors", () => {
  it("parses searched and simple CASE", () => {
    expect(tree("CASE WHEN a > 1 THEN 'big' ELSE 'small' END")).toEqual({
      kind: "case",
      whens: [{ when: bin(">", col("a"), int(1)), result: str("big") }],
      otherwise: str("small"),
    });
    expect(tree("CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END")).toEqual({
      kind: "case",
      operand: col("a"),
      whens: [
        { when: int(1), result: str("one") },
        { when: int(2), result: str("two") },
      ],
    });
  });

  it("parses CAST with nested type names", () => {
    expect(tree("CAST(a AS MAP<STRING, ARRAY<DECIMAL(10,2)>>)")).toEqual({
      kind: "cast",
      operand: col("a"),
      type: {
        kind: "MAP",
        key: { kind: "STRING" },
        value: { kind: "ARRAY", element: { kind: "DECIMAL", precision: 10, scale: 2 } },
      },
    });
  });

  it("upper-cases function names", () => {
    expect(tree("substring(name, 1, 2)")).toEqual({
      kind: "call",
      name: "SUBSTRING",
      args: [col("name"), int(1), int(2)],
    });
    expect(tree("unix_timestamp()")).toEqual({ kind: "call", name: "UNIX_TIMESTAMP", args: [] });
  });

  it("parses ARRAY[...], MAP(k := v), MAP(k, v) and STRUCT(name := v) (ksqlDB: unquoted field names upper-cased)", () => {
    expect(tree("ARRAY[1, 2]")).toEqual({ kind: "array", elements: [int(1), int(2)] });
    const map = { kind: "map", entries: [{ key: str("a"), value: int(1) }] };
    expect(tree("MAP('a' := 1)")).toEqual(map);
    expect(tree("MAP('a', 1)")).toEqual(map);
    expect(tree("STRUCT(x := 1, `y` := 'b')")).toEqual({
      kind: "struct",
      fields: [
        { name: "X", value: int(1) },
        { name: "y", value: str("b") },
      ],
    });
  });
});

describe("positions and errors", () => {
  it("locates nodes: operators at the operator, columns over their whole span", () => {
    const e = parse("a +\n  Q.bcd");
    expect(e.pos).toEqual({ line: 1, column: 3, offset: 2, length: 1 });
    expect(e.kind === "binary" && e.right.pos).toEqual({
      line: 2,
      column: 3,
      offset: 6,
      length: 5,
    });
  });

  it("refuses chained comparisons (ksqlDB grammar), at the second operator", () => {
    expect(errorOf("a = b = c")).toMatchObject({
      message: "comparisons cannot be chained: add parentheses",
      line: 1,
      column: 7,
    });
  });

  it("says what was expected and what was found, with line and column", () => {
    expect(errorOf("f(a, b")).toMatchObject({
      message: "expected ')' but found end of input",
      line: 1,
      column: 7,
    });
    expect(errorOf("CASE WHEN a THEN b")).toMatchObject({
      message: "expected END but found end of input",
    });
    expect(errorOf("CAST(a AS NUMBER)")).toMatchObject({ line: 1, column: 11 });
    expect(errorOf("CAST(a AS NUMBER)").message).toMatch(/^unknown type 'NUMBER'/);
    expect(errorOf("a +\n  * b")).toMatchObject({
      message: "expected an expression but found '*'",
      line: 2,
      column: 3,
    });
  });

  it("refuses reserved words as bare column names and text after the expression", () => {
    expect(errorOf("a AND FROM")).toMatchObject({
      message: "expected an expression but found 'FROM'",
      column: 7,
    });
    expect(errorOf("a b")).toMatchObject({
      message: "unexpected 'b' after the end of the expression",
      column: 3,
    });
  });

  it("refuses absurd nesting with an error rather than a stack overflow", () => {
    expect(errorOf(`${"(".repeat(5000)}1${")".repeat(5000)}`).message).toBe(
      "expression nested more than 256 levels deep",
    );
    expect(errorOf(`${"NOT ".repeat(3000)}TRUE`).message).toBe(
      "expression nested more than 256 levels deep",
    );
    expect(errorOf(`1${" + 1".repeat(20000)}`).message).toBe(
      "expression nested more than 256 levels deep",
    );
    expect(tree(`${"(".repeat(100)}1${")".repeat(100)}`)).toEqual(int(1));
  });

  it("refuses an empty IN list", () => {
    expect(errorOf("a IN ()")).toMatchObject({ message: "IN needs at least one value", column: 3 });
  });

  it("refuses integers beyond BIGINT", () => {
    expect(errorOf("9223372036854775808")).toMatchObject({
      message: "integer 9223372036854775808 is out of BIGINT range",
    });
  });

  it("passes tokenizer errors through", () => {
    expect(errorOf("name = 'abc")).toMatchObject({ line: 1, column: 8 });
  });
});

describe("parseExpressionAt", () => {
  it("parses from an index and stops before a word that cannot continue the expression", () => {
    const t = tokenize("SELECT amount * 2 AS doubled FROM s");
    if (!t.ok) throw new Error("tokenize");
    const r = parseExpressionAt(t.value, 1);
    expect(r.ok && r.value.next).toBe(4);
    expect(r.ok && t.value[r.value.next].image).toBe("AS");
  });

  it("works on token arrays without the eof token", () => {
    const t = tokenize("x + ");
    if (!t.ok) throw new Error("tokenize");
    const r = parseExpressionAt(t.value.slice(0, -1), 0);
    expect(!r.ok && r.errors[0]).toMatchObject({
      message: "expected an expression but found end of input",
      column: 4,
    });
  });
});
