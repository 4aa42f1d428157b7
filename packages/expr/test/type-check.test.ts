import { describe, expect, it } from "vitest";
import { formatType, type Scope, typeCheck } from "../src/index";
import { joinScope, parse, scope } from "./helpers";

function typeOf(text: string, s: Scope = scope): string {
  const r = typeCheck(parse(text), s);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return formatType(r.value);
}

function errors(text: string, s: Scope = scope) {
  const r = typeCheck(parse(text), s);
  if (r.ok) throw new Error(`${text} type-checked`);
  return r.errors;
}

describe("column resolution", () => {
  it("suggests the nearest column for a typo", () => {
    expect(errors("amout > 100")).toEqual([
      { message: "unknown column 'amout' — did you mean 'amount'?", line: 1, column: 1, length: 5 },
    ]);
  });

  it("lists the available columns when nothing is close", () => {
    expect(errors("zzzzzz", joinScope)[0].message).toBe(
      "unknown column 'zzzzzz' (available: amount, region, label)",
    );
  });

  it("matches exactly first, then case-insensitively when unique", () => {
    expect(typeOf("AMOUNT")).toBe("INT");
    expect(typeOf("mixed")).toBe("INT");
    expect(typeOf("rowtime")).toBe("BIGINT");
  });

  it("matches backtick-quoted names exactly only (ksqlDB quoted identifiers keep case)", () => {
    expect(typeOf("`Mixed`")).toBe("INT");
    expect(errors("`mixed`")[0].message).toBe("unknown column 'mixed' — did you mean 'Mixed'?");
  });

  it("resolves Q.col by qualifier and reports an unqualified name on both sides as ambiguous", () => {
    expect(typeOf("R.label", joinScope)).toBe("STRING");
    expect(errors("R.label")[0].message).toBe(
      "unknown source 'R' (no qualified sources are in scope)",
    );
    expect(typeOf("l.amount + r.amount", joinScope)).toBe("INT");
    expect(errors("amount", joinScope)[0].message).toBe(
      "column 'amount' is ambiguous: it could be L.amount or R.amount",
    );
    expect(errors("X.amount", joinScope)[0].message).toBe("unknown source 'X' (available: L, R)");
    expect(errors("R.regin", joinScope)[0].message).toBe(
      "unknown column 'R.regin' (available: amount, label)",
    );
  });
});

describe("nested access", () => {
  it("types struct fields, array elements and map values", () => {
    expect(typeOf("customer->address->city")).toBe("STRING");
    expect(typeOf("customer->ADDRESS->Zip")).toBe("STRING");
    expect(typeOf("tags[1]")).toBe("STRING");
    expect(typeOf("attrs['x']")).toBe("INT");
  });

  it("suggests the nearest struct field and rejects -> on non-structs", () => {
    expect(errors("customer->adress")[0].message).toBe(
      "struct has no field 'adress' — did you mean 'address'?",
    );
    expect(errors("amount->x")[0].message).toBe("'->' needs a STRUCT, but the value is INT");
    expect(errors("tags['a']")[0].message).toBe("an array index must be INT or BIGINT, got STRING");
    expect(errors("amount[1]")[0].message).toBe(
      "'[...]' needs an ARRAY or a MAP, but the value is INT",
    );
  });
});

describe("operators", () => {
  it("types arithmetic as ksqlDB: INT op INT is INT, BIGINT and DOUBLE widen", () => {
    expect(typeOf("amount / 2")).toBe("INT");
    expect(typeOf("amount + total")).toBe("BIGINT");
    expect(typeOf("amount * ratio")).toBe("DOUBLE");
    expect(typeOf("-amount")).toBe("INT");
  });

  it("types DECIMAL arithmetic with ksqlDB's precision and scale rules", () => {
    expect(typeOf("price + price")).toBe("DECIMAL(11, 2)");
    expect(typeOf("price * price")).toBe("DECIMAL(21, 4)");
    expect(typeOf("price / price")).toBe("DECIMAL(23, 13)");
    expect(typeOf("price % 3")).toBe("DECIMAL(10, 2)");
    expect(typeOf("price + amount")).toBe("DECIMAL(13, 2)");
    expect(typeOf("price + ratio")).toBe("DOUBLE");
  });

  it("reports a comparison of unrelated types at the operator", () => {
    expect(errors("region = 5")).toEqual([
      { message: "cannot compare STRING with INT", line: 1, column: 8, length: 1 },
    ]);
    expect(errors("tags < tags")[0].message).toBe(
      "cannot compare ARRAY<STRING> with ARRAY<STRING>",
    );
    expect(typeOf("tags = tags")).toBe("BOOLEAN");
    expect(typeOf("amount = price")).toBe("BOOLEAN");
  });

  it("ksqlDB: + on two STRINGs concatenates; + on a STRING and a number points to CONCAT", () => {
    expect(typeOf("name + 'x'")).toBe("STRING");
    expect(errors("name + 1")[0].message).toBe(
      "cannot apply '+' to STRING and INT (join strings with CONCAT or ||)",
    );
    expect(typeOf("name || 'x'")).toBe("STRING");
    expect(errors("name || 1")[0].message).toBe("'||' joins strings, got INT");
  });

  it("requires BOOLEAN operands for AND, OR, NOT", () => {
    expect(errors("amount AND active")[0].message).toBe("AND needs BOOLEAN operands, got INT");
    expect(errors("NOT name")[0].message).toBe("NOT needs BOOLEAN operands, got STRING");
  });

  it("types predicates as BOOLEAN and checks their operands", () => {
    for (const text of [
      "name LIKE 'a%'",
      "amount IN (1, 2)",
      "amount BETWEEN 1 AND 2.5",
      "name IS NULL",
      "name IS DISTINCT FROM 'x'",
    ]) {
      expect(typeOf(text)).toBe("BOOLEAN");
    }
    expect(errors("amount LIKE 'a'")[0].message).toBe("LIKE operand must be STRING, got INT");
    expect(errors("name LIKE 'a' ESCAPE 'ab'")[0].message).toBe(
      "ESCAPE must be a one-character string literal, e.g. ESCAPE '\\'",
    );
    expect(errors("amount IN (1, 'x')")[0].message).toBe("cannot compare INT with STRING");
  });

  it("collects every error rather than stopping at the first", () => {
    expect(errors("amout > 1 AND regon = 'x'").map((e) => e.column)).toEqual([1, 15]);
  });
});

describe("CASE, CAST, constructors", () => {
  it("types CASE by the common type of its results, NULL fitting anywhere", () => {
    expect(typeOf("CASE WHEN active THEN amount ELSE price END")).toBe("DECIMAL(12, 2)");
    expect(typeOf("CASE region WHEN 'EU' THEN 1 END")).toBe("INT");
    expect(typeOf("CASE WHEN active THEN NULL ELSE 'x' END")).toBe("STRING");
    expect(errors("CASE WHEN active THEN 1 ELSE 'x' END")[0].message).toBe(
      "CASE results mix INT and STRING",
    );
    expect(errors("CASE WHEN amount THEN 1 END")[0].message).toBe(
      "WHEN needs BOOLEAN operands, got INT",
    );
  });

  it("allows ksqlDB's casts and names the refused ones", () => {
    expect(typeOf("CAST(name AS INT)")).toBe("INT");
    expect(typeOf("CAST(amount AS STRING)")).toBe("STRING");
    expect(typeOf("CAST(price AS DECIMAL(5, 1))")).toBe("DECIMAL(5, 1)");
    expect(errors("CAST(tags AS INT)")[0].message).toBe("cannot cast ARRAY<STRING> to INT");
  });

  it("types ARRAY, MAP and STRUCT constructors", () => {
    expect(typeOf("ARRAY[1, total]")).toBe("ARRAY<BIGINT>");
    expect(typeOf("MAP('a' := 1.5E0)")).toBe("MAP<STRING, DOUBLE>");
    expect(typeOf("STRUCT(a := 1, `b` := name)")).toBe("STRUCT<A INT, b STRING>");
    expect(errors("STRUCT(a := 1, A := 2)")[0].message).toBe("STRUCT field 'A' is given twice");
    expect(errors("attrs[1]")[0].message).toBe("this map's keys are STRING, got INT");
    expect(errors("ARRAY[]")[0].message).toBe(
      "ARRAY[] needs at least one element to know its type",
    );
    expect(errors("ARRAY[1, 'a']")[0].message).toBe("ARRAY elements mix INT and STRING");
  });
});

describe("functions", () => {
  it("suggests the nearest function name", () => {
    expect(errors("SUBSTRNG(name, 1)")).toEqual([
      {
        message: "function SUBSTRNG not found — did you mean SUBSTRING?",
        line: 1,
        column: 1,
        length: 8,
      },
    ]);
    expect(errors("FROBNICATE(name)")[0].message).toBe("function FROBNICATE not found");
  });

  it("checks arity and argument types against the signature", () => {
    expect(errors("SUBSTRING(name)")[0].message).toBe(
      "SUBSTRING takes 2 to 3 arguments, got 1: SUBSTRING(str STRING, pos INT [, length INT]) -> STRING",
    );
    expect(errors("UCASE(amount)")[0].message).toBe("UCASE argument 1 must be STRING, got INT");
    expect(errors("ABS(name)")[0].message).toBe("ABS argument 1 must be a number, got STRING");
  });

  it("derives result types from argument types (ROUND, FLOOR, COALESCE, GREATEST)", () => {
    expect(typeOf("ROUND(ratio)")).toBe("BIGINT");
    expect(typeOf("ROUND(ratio, 2)")).toBe("DOUBLE");
    expect(typeOf("ROUND(price)")).toBe("DECIMAL(9, 0)");
    expect(typeOf("FLOOR(amount)")).toBe("INT");
    expect(typeOf("COALESCE(amount, total)")).toBe("BIGINT");
    expect(typeOf("GREATEST(name, 'x')")).toBe("STRING");
    expect(errors("COALESCE(name, 1)")[0].message).toBe("COALESCE arguments mix STRING and INT");
  });
});
