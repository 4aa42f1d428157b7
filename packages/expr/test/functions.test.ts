import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { functionReference } from "../src/functions/reference";
import { FUNCTIONS, findFunction } from "../src/index";
import { evaluate } from "./helpers";

describe("catalogue", () => {
  it("every function's documented example evaluates to its documented result", () => {
    for (const f of FUNCTIONS) {
      const examples = f.example.split("; ");
      for (const example of examples) {
        const [call, result] = example.split(" => ");
        expect(call.toUpperCase()).toContain(`${f.name}(`);
        expect([example, evaluate(call)]).toEqual([example, evaluate(result)]);
      }
    }
  });

  it("docs/expressions.md carries the current generated function reference (npm run docs)", () => {
    const docs = readFileSync(new URL("../../../docs/expressions.md", import.meta.url), "utf8");
    expect(docs).toContain(functionReference());
    for (const f of FUNCTIONS) expect(docs).toContain(`#### ${f.name}\n`);
  });

  it("finds functions case-insensitively", () => {
    expect(findFunction("substring")?.name).toBe("SUBSTRING");
  });
});

/** [expression, record, expected] rows: ksqlDB behaviour per function, edge cases included. */
const CASES: [string, Record<string, unknown>, unknown][] = [
  // ksqlDB: functions return null when a (non-optional) argument is null
  ["UCASE(name)", { name: null }, null],
  ["LCASE(name)", { name: "ÀB" }, "àb"],
  ["TRIM(name)", { name: "\t a b \n" }, "a b"],
  ["INITCAP(name)", { name: "  mIXED\tcase-words x" }, "  Mixed\tCase-words X"],
  ["INITCAP(name)", { name: null }, null],
  ["LTRIM(name)", { name: "  x  " }, "x  "],
  ["RTRIM(name)", { name: "  x  " }, "  x"],
  ["CONCAT(name, region)", { name: null, region: null }, ""],
  ["CONCAT(name)", { name: "x" }, "x"],
  ["CONCAT_WS(NULL, 'a')", {}, null],
  ["CONCAT_WS(', ', name, region)", { name: "a", region: "b" }, "a, b"],
  // ksqlDB SUBSTRING: 1-based, start clamps, negative start counts from the end
  ["SUBSTRING(name, 0)", { name: "Riffle" }, "Riffle"],
  ["SUBSTRING(name, 3)", { name: "Riffle" }, "ffle"],
  ["SUBSTRING(name, 10)", { name: "Riffle" }, ""],
  ["SUBSTRING(name, -10, 3)", { name: "Riffle" }, "Rif"],
  ["SUBSTRING(name, -3, 2)", { name: "Riffle" }, "fl"],
  ["SUBSTRING(name, 2, -1)", { name: "Riffle" }, ""],
  ["SUBSTRING(name, 2, amount)", { name: "Riffle", amount: null }, null],
  ["LEN(name)", { name: "" }, 0],
  ["LEN(name)", { name: null }, null],
  ["REPLACE(name, 'a', '')", { name: "banana" }, "bnn"],
  ["REPLACE(name, '.', '$')", { name: "a.b.c" }, "a$b$c"],
  ["SPLIT(name, ',')", { name: "a,,b," }, ["a", "", "b", ""]],
  ["SPLIT(name, ',')", { name: null }, null],
  ["INSTR(name, 'x')", { name: "abc" }, 0],
  ["INSTR(name, 'b')", { name: "abcb" }, 2],
  ["INSTR(name, 'b', -1)", { name: "abcb" }, 4],
  ["INSTR(name, 'b', -1, 2)", { name: "abcb" }, 2],
  ["INSTR(name, 'b', -1, 2)", { name: "bcd" }, 0],
  ["LPAD(name, 5, 'xy')", { name: "ab" }, "xyxab"],
  ["LPAD(name, 2, '0')", { name: "abcd" }, "ab"],
  ["LPAD(name, 3, '')", { name: "a" }, null],
  ["RPAD(name, 4, '.')", { name: "ab" }, "ab.."],
  ["MASK(name)", { name: "Ab1 é!" }, "Xxn-x-"],
  ["MASK(name, '*', '*', '#', NULL)", { name: "Ab1-" }, "**#-"],
  ["ABS(amount)", { amount: -3 }, 3],
  ["ABS(price)", { price: null }, null],
  // ksqlDB ROUND(DOUBLE) is Java Math.round: half toward positive infinity
  ["ROUND(ratio)", { ratio: -2.5 }, -2],
  ["ROUND(ratio)", { ratio: 2.5 }, 3],
  // with digits and on DECIMAL ksqlDB uses BigDecimal HALF_UP: half away from zero
  ["ROUND(ratio, 2)", { ratio: 1.005 }, 1.01],
  ["ROUND(ratio, 1)", { ratio: -0.25 }, -0.3],
  ["ROUND(price)", { price: -2.5 }, -3],
  ["ROUND(amount)", { amount: 7 }, 7],
  ["ROUND(amount, -1)", { amount: 15 }, 20],
  ["FLOOR(ratio)", { ratio: -0.5 }, -1],
  ["CEIL(price)", { price: 1.01 }, 2],
  ["SQRT(ratio)", { ratio: 2.25 }, 1.5],
  ["SQRT(ratio)", { ratio: -1 }, Number.NaN],
  ["POWER(ratio, 0.5)", { ratio: 9 }, 3],
  ["POWER(amount, 2)", { amount: null }, null],
  ["EXP(ratio)", { ratio: 1 }, Math.E],
  ["LN(ratio)", { ratio: 0 }, Number.NEGATIVE_INFINITY],
  ["SIGN(price)", { price: -0.01 }, -1],
  ["SIGN(amount)", { amount: 0 }, 0],
  ["GREATEST(amount, 5, NULL)", { amount: 9 }, 9],
  ["GREATEST(amount, ratio)", { amount: 1, ratio: 1.5 }, 1.5],
  ["LEAST(name, 'b')", { name: "a" }, "a"],
  ["LEAST(amount, NULL)", { amount: null }, null],
  ["COALESCE(name, region, 'none')", { name: null, region: null }, "none"],
  ["COALESCE(name, region)", { name: null, region: "r" }, "r"],
  ["IFNULL(amount, 0)", { amount: 4 }, 4],
  ["IFNULL(amount, 0)", { amount: null }, 0],
  ["NULLIF(amount, 0)", { amount: 0 }, null],
  ["NULLIF(amount, 0)", { amount: 3 }, 3],
  [
    "TIMESTAMPTOSTRING(total, 'yyyy-MM-dd HH:mm:ss.SSS')",
    { total: 1714559400123 },
    "2024-05-01 10:30:00.123",
  ],
  [
    "TIMESTAMPTOSTRING(total, 'dd/MM/yy h:mm a XXX', 'Europe/Paris')",
    { total: 1714559400000 },
    "01/05/24 12:30 PM +02:00",
  ],
  [
    "TIMESTAMPTOSTRING(total, 'EEE d MMM yyyy', 'America/New_York')",
    { total: 1714559400000 },
    "Wed 1 May 2024",
  ],
  ["TIMESTAMPTOSTRING(total, 'yyyy', 'No/Such_Zone')", { total: 0 }, null],
  ["TIMESTAMPTOSTRING(total, 'yyyy''T''X')", { total: 0 }, "1970TZ"],
  [
    "STRINGTOTIMESTAMP(name, 'yyyy-MM-dd''T''HH:mm:ssXXX')",
    { name: "2024-05-01T12:30:00+02:00" },
    1714559400000,
  ],
  [
    "STRINGTOTIMESTAMP(name, 'yyyy-MM-dd HH:mm', 'Europe/Paris')",
    { name: "2024-01-01 00:00" },
    1704063600000,
  ],
  ["STRINGTOTIMESTAMP(name, 'yyyy-MM-dd')", { name: "2024-13-xx" }, null],
  ["STRINGTOTIMESTAMP(name, 'dd MMM yyyy')", { name: "01 May 2024" }, 1714521600000],
  ["FORMAT_TIMESTAMP(ts, 'HH:mm')", { ts: 1714559400000 }, "10:30"],
  ["PARSE_TIMESTAMP(name, 'yyyy-MM-dd')", { name: "1970-01-02" }, 86400000],
  ["UNIX_TIMESTAMP(ts)", { ts: 42 }, 42],
  ["UNIX_TIMESTAMP(ts)", { ts: null }, null],
  ["FROM_UNIXTIME(total)", { total: 1714559400000 }, 1714559400000],
  ["FROM_UNIXTIME(total)", { total: null }, null],
  ["EXTRACTJSONFIELD(payload, '$.a.b')", { payload: '{"a":{"b":"x"}}' }, "x"],
  ["EXTRACTJSONFIELD(payload, '$.a')", { payload: '{"a":{"b":1}}' }, '{"b":1}'],
  ["EXTRACTJSONFIELD(payload, '$[''a'']')", { payload: '{"a":true}' }, "true"],
  ["EXTRACTJSONFIELD(payload, '$.items[1].id')", { payload: '{"items":[{"id":1},{"id":2}]}' }, "2"],
  ["EXTRACTJSONFIELD(payload, '$.missing')", { payload: "{}" }, null],
  ["EXTRACTJSONFIELD(payload, '$.a')", { payload: "not json" }, null],
  ["EXTRACTJSONFIELD(payload, 'a.b')", { payload: "{}" }, null],
  ["ARRAY_LENGTH(tags)", { tags: [] }, 0],
  ["ARRAY_LENGTH(tags)", { tags: null }, null],
  ["ARRAY_JOIN(tags)", { tags: ["a", "b"] }, "a,b"],
  ["ARRAY_JOIN(tags, NULL)", { tags: ["a"] }, null],
  ["ARRAY_MIN(tags)", { tags: [] }, null],
  ["ARRAY_MAX(tags)", { tags: ["b", null, "a"] }, "b"],
  ["ARRAY_CONTAINS(tags, 'b')", { tags: ["a"] }, false],
  ["ARRAY_CONTAINS(tags, NULL)", { tags: ["a", null] }, true],
];

describe("function behaviour (ksqlDB semantics)", () => {
  it.each(CASES)("%s over %j is %j", (text, record, expected) => {
    expect(evaluate(text, record)).toEqual(expected);
  });

  it("covers every catalogue function in the behaviour table", () => {
    const tested = new Set(CASES.map(([text]) => text.slice(0, text.indexOf("("))));
    expect(FUNCTIONS.map((f) => f.name).filter((n) => !tested.has(n))).toEqual([]);
  });
});
