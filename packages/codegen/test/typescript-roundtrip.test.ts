// Done-means: document -> TypeScript -> engine gives exactly the output of running the
// document itself (compileTopology), for every reference topology.
import { compileTopology } from "@riffle/engine";
import { NODE_KINDS } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { toTypeScript } from "../src";
import { fixtureNames, loadFixture } from "./load-fixture";
import { fixtureInput, loadGenerated, run } from "./run-generated";

describe("document -> TypeScript -> engine equals the document run by compileTopology", () => {
  it("the reference topologies cover every node kind", () => {
    const kinds = new Set(
      fixtureNames().flatMap((name) =>
        (loadFixture(name) as { nodes: { kind: string }[] }).nodes.map((n) => n.kind),
      ),
    );
    expect([...NODE_KINDS].filter((k) => !kinds.has(k))).toEqual([]);
  });

  for (const name of fixtureNames()) {
    it(`${name}: same output records, in the same order`, async () => {
      const doc = loadFixture(name);
      const { code, findings } = toTypeScript(doc);
      expect(findings).toEqual([]);
      const buildTopology = await loadGenerated(name, code);
      const input = fixtureInput(name);
      const expected = run(compileTopology(doc).topology, input);
      expect(expected.length).toBeGreaterThan(0);
      expect(run(buildTopology(), input)).toEqual(expected);
    });
  }
});
