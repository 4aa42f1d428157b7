import { validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { exportTopology, type Lang } from "../src";
import { loadFixture } from "./load-fixture";

const LANGS: Lang[] = ["ts", "java", "ksql"];

describe("exportTopology on bad input", () => {
  const cases: [string, unknown][] = [
    ["text that is not JSON", "{ nodes: ["],
    ["a number", 42],
    ["null", null],
    ["a document of another format", { format: "other/v9", name: "x" }],
    [
      "a node whose filter does not type-check",
      {
        format: "riffle.topology/v1",
        name: "bad",
        topics: [{ name: "t", partitions: 1, value: [{ name: "A", type: "INT" }] }],
        nodes: [
          { id: "s", kind: "stream-source", config: { topic: "t" } },
          { id: "f", kind: "filter", config: { predicate: "amout > 1" } },
        ],
        edges: [{ id: "e", from: { node: "s" }, to: { node: "f" } }],
      },
    ],
  ];
  for (const [what, input] of cases) {
    it(`${what}: no code, one invalid-document finding, never a throw`, () => {
      for (const lang of LANGS) {
        const result = exportTopology(input, lang);
        expect(result.code).toBe("");
        expect(result.findings).toEqual([
          expect.objectContaining({ code: "invalid-document", severity: "error" }),
        ]);
      }
    });
  }

  it("names the node and the problem of the first validation errors", () => {
    const [finding] = exportTopology(cases[4][1], "ts").findings;
    expect(finding.message).toMatch(/at f: .*amout/);
  });
});

describe("left and outer joiners see a missing side as nulls (Kafka Streams passes null)", () => {
  it("Java: a left join's right side and an outer join's both sides default to an empty row", () => {
    const { code } = exportTopology(loadFixture("table-joins"), "java");
    expect(code).toMatch(
      /\.leftJoin\(\s+limits,\s+\(left, right\) -> \{\s+right = right != null \? right : Map\.of\(\);/,
    );
    expect(code).toMatch(
      /\.outerJoin\(\s+limits,\s+\(left, right\) -> \{\s+left = left != null \? left : Map\.of\(\);\s+right = /,
    );
  });

  it("TypeScript: the missing side reads as a row of nulls", () => {
    const { code } = exportTopology(loadFixture("table-joins"), "ts");
    expect(code).toContain("right ??= { LIMIT_AMOUNT: null };");
    expect(code).toContain("left ??= { OWNER: null, BALANCE: null };");
  });
});

describe("record metadata in Java and TypeScript lambdas", () => {
  it("ROWTIME in a filter is reported, not printed as an unbound `meta`", () => {
    const doc = {
      format: "riffle.topology/v1",
      name: "meta",
      topics: [{ name: "t", partitions: 1, value: [{ name: "A", type: "INT" }] }],
      nodes: [
        { id: "s", kind: "stream-source", config: { topic: "t" } },
        { id: "recent", kind: "filter", config: { predicate: "ROWTIME > 1000" } },
        { id: "k", kind: "sink", config: { topic: "t" } },
      ],
      edges: [
        { id: "e1", from: { node: "s" }, to: { node: "recent" } },
        { id: "e2", from: { node: "recent" }, to: { node: "k" } },
      ],
    };
    for (const lang of ["ts", "java"] as const) {
      const { code, findings } = exportTopology(doc, lang);
      expect(findings).toEqual([
        expect.objectContaining({ code: "unsupported-expression", nodeId: "recent" }),
      ]);
      expect(code).not.toMatch(/\bmeta\./);
    }
    expect(exportTopology(doc, "ksql").code).toContain("WHERE ROWTIME > 1000");
  });
});

describe("exporting a document the caller has just validated", () => {
  it("reuses the given validation result: same code and findings as validating again", () => {
    const doc = loadFixture("windowed-views");
    const validated = validate(doc);
    for (const lang of ["ksql", "java", "ts"] as Lang[]) {
      expect(exportTopology(doc, lang, validated)).toEqual(exportTopology(doc, lang));
    }
  });
});
