import { describe, expect, it } from "vitest";
import { compileExpression, ExpressionError, parseExpression } from "../src/index";
import { evaluate, joinScope, parse, scope } from "./helpers";

const T = true;
const F = false;
const N = null;

describe("three-valued logic (SQL)", () => {
  const values = [T, F, N];
  const lit = (v: boolean | null) => (v === null ? "NULL" : String(v).toUpperCase());
  const sqlAnd = (a: boolean | null, b: boolean | null) =>
    a === F || b === F ? F : a === N || b === N ? N : T;
  const sqlOr = (a: boolean | null, b: boolean | null) =>
    a === T || b === T ? T : a === N || b === N ? N : F;

  it("AND: false wins over null, null wins over true; OR the mirror image", () => {
    for (const a of values) {
      for (const b of values) {
        expect([a, b, evaluate(`${lit(a)} AND ${lit(b)}`)]).toEqual([a, b, sqlAnd(a, b)]);
        expect([a, b, evaluate(`${lit(a)} OR ${lit(b)}`)]).toEqual([a, b, sqlOr(a, b)]);
      }
    }
  });

  it("AND and OR over columns follow the truth tables, including nulls", () => {
    for (const a of values) {
      for (const b of values) {
        const frames = { active: a, flag: b };
        const and = compileExpression(parse("active AND flag"), withFlag)({ value: frames });
        const or = compileExpression(parse("active OR flag"), withFlag)({ value: frames });
        expect([a, b, and]).toEqual([a, b, sqlAnd(a, b)]);
        expect([a, b, or]).toEqual([a, b, sqlOr(a, b)]);
      }
    }
  });

  it("NOT null is null", () => {
    expect(evaluate("NOT active", { active: null })).toBe(null);
    expect(evaluate("NOT active", { active: false })).toBe(true);
  });

  it("short-circuits: FALSE AND x does not need x", () => {
    expect(evaluate("amount > 1 AND tags[1] = 'a'", { amount: 0 })).toBe(false);
  });
});

const withFlag = {
  columns: [
    ...scope.columns,
    { name: "flag", type: { kind: "BOOLEAN" as const }, frame: "value", field: "flag" },
  ],
};

describe("comparisons and predicates with null (ksqlDB null semantics)", () => {
  it("comparisons with null are null, so a WHERE (=== true) drops the row", () => {
    for (const op of ["=", "<>", "<", "<=", ">", ">="]) {
      expect(evaluate(`amount ${op} 1`, { amount: null })).toBe(null);
      expect(evaluate(`amount ${op} NULL`, { amount: 1 })).toBe(null);
    }
  });

  it("compares a TIMESTAMP with an ISO-8601 string literal (ksqlDB)", () => {
    const ts = Date.UTC(2024, 4, 1, 10);
    expect(evaluate("ts > '2024-05-01T09:59:59'", { ts })).toBe(true);
    expect(evaluate("ts < '2024-05-01'", { ts })).toBe(false);
    expect(evaluate("ts BETWEEN '2024-05-01' AND '2024-05-02T00:00'", { ts })).toBe(true);
    expect(evaluate("ts IN ('2024-05-01T10:00:00Z')", { ts })).toBe(true);
  });

  it("compares numbers across types and strings by code unit", () => {
    expect(evaluate("amount = price", { amount: 3, price: 3.0 })).toBe(true);
    expect(evaluate("name < 'b'", { name: "a" })).toBe(true);
    expect(evaluate("name < 'B'", { name: "a" })).toBe(false);
    expect(evaluate("amount <> 2", { amount: 3 })).toBe(true);
  });

  it("a column compared with a constant is null when the field or the whole frame is missing", () => {
    expect(compileExpression(parse("amount > 1"), scope)({ value: null })).toBe(null);
    expect(compileExpression(parse("amount = 1"), scope)({})).toBe(null);
    expect(evaluate("amount <= 1", {})).toBe(null);
  });

  it("IS [NOT] NULL never yields null; a missing field is null", () => {
    expect(evaluate("name IS NULL", {})).toBe(true);
    expect(evaluate("name IS NOT NULL", { name: "x" })).toBe(true);
  });

  it("IS DISTINCT FROM treats two nulls as equal", () => {
    expect(evaluate("name IS DISTINCT FROM NULL", { name: null })).toBe(false);
    expect(evaluate("name IS DISTINCT FROM 'a'", { name: null })).toBe(true);
    expect(evaluate("name IS NOT DISTINCT FROM 'a'", { name: "a" })).toBe(true);
  });

  it("IN is true on a match, null when unmatched with a null in the list, else false", () => {
    expect(evaluate("amount IN (1, NULL, 3)", { amount: 3 })).toBe(true);
    expect(evaluate("amount IN (1, NULL)", { amount: 2 })).toBe(null);
    expect(evaluate("amount IN (1, 2)", { amount: 5 })).toBe(false);
    expect(evaluate("amount NOT IN (1, 2)", { amount: 5 })).toBe(true);
    expect(evaluate("amount IN (1, 2)", { amount: null })).toBe(null);
  });

  it("BETWEEN is inclusive at both ends; NOT BETWEEN is its negation", () => {
    expect([1, 2, 3, 4].map((a) => evaluate("amount BETWEEN 2 AND 3", { amount: a }))).toEqual([
      F,
      T,
      T,
      F,
    ]);
    expect(evaluate("amount NOT BETWEEN 2 AND 3", { amount: 4 })).toBe(true);
    expect(evaluate("amount BETWEEN 2 AND 3", { amount: null })).toBe(null);
  });
});

describe("LIKE", () => {
  it("matches % (any run) and _ (one character) over the whole string", () => {
    expect(evaluate("name LIKE 'a%'", { name: "abc" })).toBe(true);
    expect(evaluate("name LIKE 'a_c'", { name: "abc" })).toBe(true);
    expect(evaluate("name LIKE 'a_c'", { name: "abbc" })).toBe(false);
    expect(evaluate("name LIKE '%b%'", { name: "a\nb" })).toBe(true);
    expect(evaluate("name NOT LIKE 'a%'", { name: "xa" })).toBe(true);
  });

  it("treats regular-expression characters in the pattern literally", () => {
    expect(evaluate("name LIKE 'a.c'", { name: "abc" })).toBe(false);
    expect(evaluate("name LIKE '(x)+[y]$'", { name: "(x)+[y]$" })).toBe(true);
  });

  it("ESCAPE makes the next % or _ literal", () => {
    expect(evaluate("name LIKE '100!%' ESCAPE '!'", { name: "100%" })).toBe(true);
    expect(evaluate("name LIKE '100!%' ESCAPE '!'", { name: "1000" })).toBe(false);
  });

  it("accepts a pattern computed per record, and null gives null", () => {
    expect(evaluate("name LIKE region || '%'", { name: "EU-west", region: "EU" })).toBe(true);
    expect(evaluate("name LIKE 'a%'", { name: null })).toBe(null);
  });
});

describe("arithmetic (ksqlDB / Java semantics)", () => {
  it("divides INT by INT as integers, truncating toward zero", () => {
    expect(evaluate("amount / 2", { amount: 7 })).toBe(3);
    expect(evaluate("amount / 2", { amount: -7 })).toBe(-3);
    expect(evaluate("amount % 3", { amount: -7 })).toBe(-1);
  });

  it("wraps INT overflow at 32 bits like Java, while BIGINT does not", () => {
    expect(evaluate("amount + 1", { amount: 2147483647 })).toBe(-2147483648);
    expect(evaluate("amount * 2", { amount: 2147483647 })).toBe(-2);
    expect(evaluate("total + 1", { total: 2147483647 })).toBe(2147483648);
  });

  it("gives null for exact division by zero and Infinity for DOUBLE", () => {
    expect(evaluate("amount / 0", { amount: 1 })).toBe(null);
    expect(evaluate("price / 0", { price: 1 })).toBe(null);
    expect(evaluate("ratio / 0", { ratio: 1 })).toBe(Number.POSITIVE_INFINITY);
  });

  it("rounds DECIMAL results half up to the result scale", () => {
    expect(evaluate("price * price", { price: 1.1 })).toBe(1.21);
    // DECIMAL(10, 2) / INT (as DECIMAL(10, 0)) has scale max(6, 2 + 10 + 1) = 13
    expect(evaluate("price / 3", { price: 1 })).toBe(0.3333333333333);
    expect(evaluate("price + 0.005", { price: 1 })).toBe(1.005);
    expect(evaluate("CAST(price + 0.005 AS DECIMAL(10, 2))", { price: 1 })).toBe(1.01);
  });

  it("propagates null through arithmetic and negation", () => {
    expect(evaluate("amount + 1", { amount: null })).toBe(null);
    expect(evaluate("-amount", { amount: null })).toBe(null);
    expect(evaluate("-amount", { amount: 4 })).toBe(-4);
  });

  it("joins strings with || skipping nulls (ksqlDB CONCAT)", () => {
    expect(evaluate("name || '-' || region", { name: "a", region: null })).toBe("a-");
  });
});

describe("nested access", () => {
  const customer = { name: "Ada", address: { city: "Paris", zip: "75001" } };

  it("reads struct fields with ->, null-safe along the path", () => {
    expect(evaluate("customer->address->city", { customer })).toBe("Paris");
    expect(evaluate("customer->address->city", { customer: { name: "x" } })).toBe(null);
    expect(evaluate("customer->ADDRESS->city", { customer })).toBe("Paris");
  });

  it("indexes arrays from 1, negative from the end, out of range is null (ksqlDB)", () => {
    const tags = ["a", "b", "c"];
    expect([1, 3, -1, -3, 0, 4, -4].map((i) => evaluate(`tags[${i}]`, { tags }))).toEqual([
      "a",
      "c",
      "c",
      "a",
      null,
      null,
      null,
    ]);
  });

  it("looks up map keys; a missing key is null", () => {
    expect(evaluate("attrs['x']", { attrs: { x: 1 } })).toBe(1);
    expect(evaluate("attrs['y']", { attrs: { x: 1 } })).toBe(null);
  });
});

describe("CASE, CAST and constructors", () => {
  it("takes the first WHEN that is true; null conditions do not match", () => {
    const text = "CASE WHEN amount > 10 THEN 'big' WHEN amount > 5 THEN 'mid' ELSE 'small' END";
    expect([20, 7, 1, null].map((amount) => evaluate(text, { amount }))).toEqual([
      "big",
      "mid",
      "small",
      "small",
    ]);
  });

  it("simple CASE compares with =, so NULL never matches; no ELSE gives null", () => {
    const text = "CASE region WHEN 'EU' THEN 1 WHEN 'US' THEN 2 END";
    expect(["US", "APAC", null].map((region) => evaluate(text, { region }))).toEqual([
      2,
      null,
      null,
    ]);
  });

  it("casts between numbers, strings and booleans as ksqlDB does", () => {
    expect(evaluate("CAST(name AS INT)", { name: " 42 " })).toBe(42);
    expect(evaluate("CAST(name AS INT)", { name: "4x" })).toBe(null);
    expect(evaluate("CAST(ratio AS INT)", { ratio: -2.7 })).toBe(-2);
    expect(evaluate("CAST(ratio AS STRING)", { ratio: 1 })).toBe("1.0");
    expect(evaluate("CAST(price AS STRING)", { price: 1.5 })).toBe("1.50");
    expect(evaluate("CAST(amount AS STRING)", { amount: 7 })).toBe("7");
    expect(evaluate("CAST(name AS BOOLEAN)", { name: "Yes" })).toBe(true);
    expect(evaluate("CAST(name AS DECIMAL(4, 1))", { name: "123.45" })).toBe(123.5);
    expect(evaluate("CAST(name AS DECIMAL(4, 1))", { name: "12345" })).toBe(null);
    expect(evaluate("CAST(name AS TIMESTAMP)", { name: "2024-05-01T10:00:00" })).toBe(
      Date.UTC(2024, 4, 1, 10),
    );
    expect(evaluate("CAST(ts AS STRING)", { ts: Date.UTC(2024, 4, 1, 10) })).toBe(
      "2024-05-01T10:00:00.000",
    );
    expect(evaluate("CAST(NULL AS INT)")).toBe(null);
  });

  it("builds arrays, maps and structs", () => {
    expect(evaluate("ARRAY[amount, 2]", { amount: 1 })).toEqual([1, 2]);
    expect(evaluate("MAP('a' := amount, 'b' := 2)", { amount: 1 })).toEqual({ a: 1, b: 2 });
    expect(evaluate("STRUCT(n := name, k := 1)->n", { name: "x" })).toBe("x");
  });
});

describe("frames", () => {
  it("reads the key frame itself and meta fields, per the frames convention", () => {
    expect(
      evaluate("id || ':' || CAST(ROWTIME AS STRING)", {}, { key: "k1", meta: { timestamp: 5 } }),
    ).toBe("k1:5");
  });

  it("reads the left and right frames of a join by qualifier", () => {
    const f = compileExpression(parse("L.amount + R.amount"), joinScope);
    expect(f({ left: { amount: 1 }, right: { amount: 2 } })).toBe(3);
    expect(f({ left: { amount: 1 }, right: null })).toBe(null);
  });
});

describe("records that break their schema", () => {
  it("evaluate without throwing: string functions coerce, date functions give null", () => {
    expect(evaluate("UCASE(name)", { name: 42 })).toBe("42");
    expect(evaluate("LEN(name) + 1", { name: { a: 1 } })).toBe(16);
    expect(evaluate("TIMESTAMPTOSTRING(total, 'yyyy')", { total: "soon" })).toBe(null);
    expect(evaluate("customer->address->city", { customer: "flat" })).toBe(null);
    expect(evaluate("ARRAY_LENGTH(tags)", { tags: "a,b" })).toBe(null);
  });
});

describe("compilation", () => {
  it("folds constant subtrees once but never folds UNIX_TIMESTAMP()", () => {
    expect(evaluate("1 + 2 * 3 = 7 AND UCASE('a') = 'A'")).toBe(true);
    const before = Date.now();
    const now = evaluate("UNIX_TIMESTAMP()") as number;
    expect(now).toBeGreaterThanOrEqual(before);
  });

  it("throws ExpressionError with every error's position for an ill-typed expression", () => {
    const e = parseExpression("amout > 1 OR region = 1");
    if (!e.ok) throw new Error("parse");
    expect(() => compileExpression(e.value, scope)).toThrow(ExpressionError);
    expect(() => compileExpression(e.value, scope)).toThrow(
      "unknown column 'amout' — did you mean 'amount'? at 1:1; cannot compare STRING with INT at 1:21",
    );
  });
});
