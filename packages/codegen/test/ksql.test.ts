import { describe, expect, it } from "vitest";
import { toKsql } from "../src";
import { golden } from "./golden";
import { fixtureNames, loadFixture } from "./load-fixture";

describe("ksqlDB export of the reference topologies", () => {
  for (const name of fixtureNames()) {
    it(`${name} matches the reviewed golden file`, () => {
      const { code, findings } = toKsql(loadFixture(name));
      const findingLines = findings.map((f) => `-- finding ${f.code} ${f.nodeId}`).join("\n");
      const actual = `${code}${findingLines ? `\n${findingLines}\n` : ""}`;
      expect(actual).toBe(golden(`${name}.sql`, actual));
    });
  }
});

describe("ksqlDB export rules", () => {
  const ksql = (name: string) => toKsql(loadFixture(name));

  it("folds filter, filterNot and mapValues into one SELECT (WHERE before projection)", () => {
    const { code } = ksql("orders-pipeline");
    expect(code).toMatch(/FROM ORDERS\n {2}WHERE \(AMOUNT > 100\)\n {4}AND NOT COALESCE/);
    expect(code.match(/CREATE STREAM BIG_ORDERS/g)).toHaveLength(1);
  });

  it("selectKey then groupByKey becomes GROUP BY the key expression, with no repartition stream", () => {
    const { code } = ksql("customer-counts");
    expect(code).toContain("GROUP BY CUSTOMER");
    expect(code).not.toContain("CREATE STREAM BY_CUSTOMER");
  });

  it("KStream#split is first match wins: later branches exclude earlier predicates, NULL counting as no match", () => {
    const { code } = ksql("routing");
    expect(code).toContain(
      "WHERE NOT COALESCE((COUNTRY = 'DE'), FALSE)\n    AND (COUNTRY = 'FR' OR COUNTRY = 'DE')",
    );
  });

  it("suppress(untilWindowCloses) on a windowed count is EMIT FINAL", () => {
    const { code } = ksql("windowed-views");
    expect(code).toMatch(
      /WINDOW TUMBLING \(SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS\)\n {2}GROUP BY USER\n {2}EMIT FINAL/,
    );
  });

  it("reports what ksqlDB cannot express, with a comment at that point", () => {
    const cases: [string, string, string][] = [
      ["windowed-views", "sliding", "unsupported-window"],
      ["cogroup-reduce", "profile", "unsupported-node"],
      ["cogroup-reduce", "biggest", "unsupported-node"],
      ["routing", "per-country", "unsupported-node"],
    ];
    for (const [fixture, nodeId, code] of cases) {
      const result = ksql(fixture);
      expect(result.findings).toContainEqual(
        expect.objectContaining({ nodeId, code, severity: "error" }),
      );
      expect(result.code).toContain(`(node ${nodeId})`);
    }
  });

  it("a second sink to the same topic is INSERT INTO the first one's stream", () => {
    const { code } = ksql("stream-joins");
    expect(code).toContain("INSERT INTO ENRICHED_ORDERS\n");
    expect(code.match(/CREATE STREAM ENRICHED_ORDERS/g)).toHaveLength(1);
  });
});
