// The Java export compiles on its own: Fn and Udafs ship inside the generated class with
// exactly the methods its code calls; a helper Riffle has no Java for is an error finding.
import { describe, expect, it } from "vitest";
import { toJava } from "../src";
import { fixtureNames, loadFixture } from "./load-fixture";

const called = (code: string, cls: string) =>
  new Set([...code.matchAll(new RegExp(`\\b${cls}\\.(\\w+)\\(`, "g"))].map((m) => m[1]));
const defined = (code: string) =>
  new Set([...code.matchAll(/static Object (\w+)\(/g)].map((m) => m[1]));

describe("Java runtime shipped in the export", () => {
  for (const name of fixtureNames()) {
    it(`${name}: every Fn and Udafs method called is defined in the file, nothing from io.riffle`, () => {
      const { code, findings } = toJava(loadFixture(name));
      expect(code).not.toContain("io.riffle");
      const methods = defined(code);
      for (const m of [...called(code, "Fn"), ...called(code, "Udafs")]) {
        expect(methods.has(m), `${m} is defined`).toBe(true);
      }
      expect(findings.filter((f) => f.message.includes("no Java implementation"))).toEqual([]);
    });
  }

  it("a helper with no Java implementation is an error finding and a comment, not a dangling call", () => {
    const doc = loadFixture("orders-pipeline") as { nodes: { kind: string; config: any }[] };
    const mapValues = doc.nodes.find((n) => n.kind === "map-values")!;
    mapValues.config.columns[0].expr = "LPAD(CUSTOMER, 8, '*')";
    const { code, findings } = toJava(doc);
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: "error", code: "unsupported-expression" }),
    );
    expect(code).toMatch(/\/\/ ERROR unsupported-expression: Fn\.lpad has no Java implementation/);
  });
});
