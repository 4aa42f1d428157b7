import { describe, expect, it } from "vitest";
import { ExpressionError, formatType, parseType, printExpression } from "../src/index";
import { joinScope, parse, scope } from "./helpers";

const sql = (text: string) => printExpression(parse(text), "sql");
const ts = (text: string, s = scope) => printExpression(parse(text), "ts", s);
const java = (text: string, s = scope) => printExpression(parse(text), "java", s);

describe("printing SQL", () => {
  it("drops redundant parentheses and keeps the needed ones", () => {
    expect(sql("((a + b)) * (c)")).toBe("(a + b) * c");
    expect(sql("a - (b - c)")).toBe("a - (b - c)");
    expect(sql("(a - b) - c")).toBe("a - b - c");
    expect(sql("(a OR b) AND NOT (c OR d)")).toBe("(a OR b) AND NOT (c OR d)");
    expect(sql("(a = b) = c")).toBe("(a = b) = c");
    expect(sql("-(-a)")).toBe("- -a");
    expect(sql("(-a)[1]")).toBe("(-a)[1]");
  });

  it("normalises keywords, != and literals to ksqlDB's spelling", () => {
    expect(sql("a != 1 and b is not null or c not like 'x%' escape '!'")).toBe(
      "a <> 1 AND b IS NOT NULL OR c NOT LIKE 'x%' ESCAPE '!'",
    );
    expect(sql("'it''s' || 1.50 || 1.5e3 || null || true")).toBe(
      "'it''s' || 1.50 || 1.5E3 || NULL || TRUE",
    );
  });

  it("quotes names that need it and keeps backticks that were written", () => {
    expect(sql("`my col` + `Amount` + L.x")).toBe("`my col` + `Amount` + L.x");
    expect(sql("s->`Field`->plain")).toBe("s->`Field`->plain");
  });

  it("prints CASE, CAST, calls and constructors", () => {
    expect(sql("case x when 1 then 'a' else 'b' end")).toBe("CASE x WHEN 1 THEN 'a' ELSE 'b' END");
    expect(sql("cast(x as map<varchar, array<decimal(10,2)>>)")).toBe(
      "CAST(x AS MAP<STRING, ARRAY<DECIMAL(10, 2)>>)",
    );
    expect(sql("substring(a, 1) in (1, 2)")).toBe("SUBSTRING(a, 1) IN (1, 2)");
    expect(sql("(a in (1)) between (b and c) and d")).toBe("(a IN (1)) BETWEEN (b AND c) AND d");
    expect(sql("map('a', 1)")).toBe("MAP('a' := 1)");
    expect(sql("struct(`end` := array[1])")).toBe("STRUCT(`end` := ARRAY[1])");
  });
});

describe("printing TypeScript", () => {
  it("prints helper calls over the engine's frames (import { fn } from '@riffle/expr')", () => {
    expect(ts("amount > 100 AND region = 'EU'")).toBe(
      'fn.and(fn.gt(value.amount, 100), fn.eq(value.region, "EU"))',
    );
    expect(ts("id || CAST(ROWTIME AS STRING)")).toBe(
      'fn.concat(key, fn.castString(meta.timestamp, "BIGINT", 0))',
    );
    expect(ts("L.amount + R.amount", joinScope)).toBe("fn.addInt(left.amount, right.amount)");
  });

  it("picks the helper by type: integer division, decimal scale, LIKE, CASE", () => {
    expect(ts("amount / 2")).toBe("fn.divInt(value.amount, 2)");
    expect(ts("price * 2")).toBe("fn.mulDec(value.price, 2, 2)");
    expect(ts("name NOT LIKE 'a%'")).toBe('fn.notLike(value.name, "a%", null)');
    expect(ts("CASE WHEN active THEN 1 ELSE 0 END")).toBe("(value.active === true ? 1 : 0)");
    expect(ts("customer->address->city")).toBe(
      'fn.field(fn.field(value.customer, "address"), "city")',
    );
  });

  it("prints column references without a scope as value.<name>", () => {
    expect(printExpression(parse("amount > 1"), "ts")).toBe("fn.gt(value.amount, 1)");
  });

  it("throws ExpressionError for an ill-typed expression", () => {
    expect(() => ts("region = 1")).toThrow(ExpressionError);
  });
});

describe("printing Java", () => {
  it("prints Fn helper calls over Map<String, Object> frames", () => {
    expect(java("amount > 100 AND region = 'EU'")).toBe(
      'Fn.and(Fn.gt(value.get("amount"), 100), Fn.eq(value.get("region"), "EU"))',
    );
    expect(java("CASE WHEN active THEN id END")).toBe(
      '(Boolean.TRUE.equals(value.get("active")) ? key : null)',
    );
  });

  it("prints literals with Java's types: 100L, 1.0, BigDecimal", () => {
    expect(java("total + 3000000000")).toBe('Fn.add(value.get("total"), 3000000000L)');
    expect(java("ratio * 2.0E0")).toBe('Fn.mul(value.get("ratio"), 2.0)');
    expect(java("price + 1.50")).toBe(
      'Fn.addDec(value.get("price"), new java.math.BigDecimal("1.50"), 2)',
    );
    expect(java("STRUCT(a := 1)")).toBe('Fn.struct(java.util.List.of("A"), 1)');
  });
});

describe("type names", () => {
  it("parses aliases and nesting and formats as ksqlDB does", () => {
    const cases: [string, string][] = [
      ["integer", "INT"],
      ["varchar", "STRING"],
      ["VARCHAR(20)", "STRING"],
      ["decimal(10,2)", "DECIMAL(10, 2)"],
      [
        "array<map<string, struct<a int, `B c` array<bigint>>>>",
        "ARRAY<MAP<STRING, STRUCT<a INT, `B c` ARRAY<BIGINT>>>>",
      ],
      ["STRUCT<>", "STRUCT<>"],
    ];
    for (const [text, formatted] of cases) {
      const t = parseType(text);
      expect([text, t.ok && formatType(t.value)]).toEqual([text, formatted]);
    }
  });

  it("reports bad type names with a position", () => {
    const r = parseType("ARRAY<NUMBER>");
    expect(!r.ok && r.errors[0]).toMatchObject({ line: 1, column: 7 });
    const d = parseType("DECIMAL(3, 5)");
    expect(!d.ok && d.errors[0].message).toBe(
      "DECIMAL(3, 5): precision must be 1..38 and scale <= precision",
    );
    const extra = parseType("INT INT");
    expect(!extra.ok && extra.errors[0].message).toBe("expected end of type but found 'INT'");
  });
});
