// Bad input never throws: it becomes findings with a code and a location.

import { validate } from "@riffle/topology";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doc, ORDERS } from "./helpers";

const codes = (input: unknown) => validate(input).findings.map((f) => f.code);

describe("bad input", () => {
  it("text that is not JSON is RF001 with the parser's message", () => {
    const { findings, document } = validate('{"format": ');
    expect(document).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "RF001", severity: "error" });
    expect(findings[0].message).toMatch(/^Not JSON: /);
  });

  it("a JSON value that is not an object is RF002", () => {
    for (const v of [null, 3, "3", [], true])
      expect(codes(typeof v === "string" ? v : JSON.stringify(v))).toEqual(["RF002"]);
  });

  it("an unknown node kind is RF004 with a suggestion, and edges to it are not dangling", () => {
    const d = doc(
      [ORDERS],
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["f", "filtr", { predicate: "true" }],
      ],
      ["orders->f"],
    );
    const { findings } = validate(d);
    const f = findings.find((x) => x.code === "RF004")!;
    expect(f).toMatchObject({ nodeId: "f", field: "kind" });
    expect(f.message).toContain("did you mean 'filter'?");
    expect(findings.some((x) => x.code === "RF008")).toBe(false);
  });

  it("dangling edges and duplicate ids are findings and are left out of the document", () => {
    const d = doc(
      [ORDERS],
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["orders", "peek"],
      ],
      ["orders->ghost"],
    );
    const { findings, document } = validate(d);
    expect(findings.map((f) => [f.code, f.nodeId ?? f.edgeId])).toEqual(
      expect.arrayContaining([
        ["RF006", "orders"],
        ["RF008", "e1"],
      ]),
    );
    expect(document?.nodes).toHaveLength(1);
    expect(document?.edges).toHaveLength(0);
  });

  it("a cycle is RF101 naming the nodes on it; the rest is still analysed", () => {
    const d = doc(
      [ORDERS, { name: "out" }],
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["a", "merge"],
        ["b", "peek"],
        ["out", "sink", { topic: "out" }],
      ],
      ["orders->a", "a->b", "b->a", "orders->out"],
    );
    const { findings, analysis } = validate(d);
    const cycle = findings.find((f) => f.code === "RF101")!;
    expect(cycle.message).toContain("'a', 'b'");
    expect(analysis.order).toEqual(["orders", "out"]);
  });

  it("never throws on arbitrary JSON values, nor on arbitrary documents with random nodes and edges", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(() => validate(v)).not.toThrow();
        expect(() => validate(JSON.stringify(v))).not.toThrow();
      }),
      { numRuns: 300 },
    );
    const kinds = [
      "stream-source",
      "filter",
      "count",
      "group-by-key",
      "sink",
      "stream-table-join",
      "merge",
      "branch",
      "nope",
    ];
    const node = fc.record({
      id: fc.constantFrom("a", "b", "c", "d"),
      kind: fc.constantFrom(...kinds),
      config: fc.oneof(
        fc.constant({
          topic: "orders",
          predicate: "amount > 1",
          branches: [{ name: "x", predicate: "true" }],
        }),
        fc.jsonValue(),
      ),
    });
    const edge = fc.record({
      id: fc.string({ minLength: 1, maxLength: 2 }),
      from: fc.record({
        node: fc.constantFrom("a", "b", "c", "d", "z"),
        port: fc.constantFrom("out", "x", "default"),
      }),
      to: fc.record({
        node: fc.constantFrom("a", "b", "c", "d"),
        port: fc.constantFrom("in", "left", "right"),
      }),
    });
    fc.assert(
      fc.property(
        fc.array(node, { maxLength: 6 }),
        fc.array(edge, { maxLength: 8 }),
        (nodes, edges) => {
          const d = { ...doc([ORDERS], [], []), nodes, edges };
          expect(() => validate(d)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
