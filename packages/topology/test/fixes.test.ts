// Fixes are document edits: applying one returns a new document that no longer has the finding.
import { applyFix, validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { doc, ORDERS } from "./helpers";

const TOPICS = [ORDERS, { name: "out" }];
const errors = (input: unknown) => validate(input).findings.filter((f) => f.severity === "error");

describe("fixes", () => {
  it("a sink fed by a table gets a fix inserting to-stream (KTable#toStream), and the fixed document is valid", () => {
    const input = doc(
      TOPICS,
      [
        ["t", "table-source", { topic: "orders" }],
        ["out", "sink", { topic: "out" }],
      ],
      ["t->out"],
    );
    const { document, findings } = validate(input);
    const f = findings.find((x) => x.code === "RF104")!;
    expect(f).toMatchObject({ nodeId: "out", edgeId: "e1" });
    expect(f.fix?.title).toBe("Insert to-stream before 'out'");
    const fixed = applyFix(document!, f.fix!);
    expect(errors(fixed)).toEqual([]);
    expect(fixed.nodes.map((n) => n.kind)).toEqual(["table-source", "sink", "to-stream"]);
    expect(document!.nodes).toHaveLength(2);
  });

  it("count fed by a stream gets a fix inserting group-by-key", () => {
    const input = doc(
      TOPICS,
      [
        ["s", "stream-source", { topic: "orders" }],
        ["c", "count"],
        ["ts", "to-stream"],
        ["out", "sink", { topic: "out" }],
      ],
      ["s->c", "c->ts", "ts->out"],
    );
    const { document, findings } = validate(input);
    const fix = findings.find((x) => x.code === "RF104")!.fix!;
    expect(errors(applyFix(document!, fix))).toEqual([]);
  });

  it("inserted ids do not collide with existing ones", () => {
    const input = doc(
      TOPICS,
      [
        ["t", "table-source", { topic: "orders" }],
        ["to-stream", "peek"],
        ["out", "sink", { topic: "out" }],
      ],
      ["t->out"],
    );
    const { document, findings } = validate(input);
    const fixed = applyFix(document!, findings.find((x) => x.code === "RF104")!.fix!);
    expect(fixed.nodes.map((n) => n.id)).toContain("to-stream-2");
    expect(new Set(fixed.edges.map((e) => e.id)).size).toBe(fixed.edges.length);
  });

  it("set-config edits replace one config field without touching the original", () => {
    const input = doc(
      TOPICS,
      [
        ["s", "stream-source", { topic: "orders" }],
        ["out", "sink", { topic: "out" }],
      ],
      ["s->out"],
    );
    const { document } = validate(input);
    const fixed = applyFix(document!, {
      title: "rename topic",
      edits: [{ op: "set-config", nodeId: "out", path: ["topic"], value: "renamed" }],
    });
    expect(fixed.nodes[1].config).toEqual({ topic: "renamed" });
    expect(document!.nodes[1].config).toEqual({ topic: "out" });
  });
});
