// Port kinds from kinds.ts, refused connections with their reason, live validation and fixes.
import { describe, expect, it } from "vitest";
import { analyze } from "../src/lib/analysis";
import { defaultConfig } from "../src/lib/config-schema";
import { addNode, connect, emptyDocument, upsertTopic } from "../src/lib/doc-edit";
import { applyFinding } from "../src/lib/fixes";
import { connectionProblem, portsOf } from "../src/lib/ports";

const topic = (name: string, partitions: number) => ({
  name,
  partitions,
  keyFormat: "KAFKA" as const,
  valueFormat: "JSON" as const,
  key: [{ name: "id", type: "STRING" }],
  value: [{ name: "amount", type: "DOUBLE" }],
  valueUnwrapped: false,
});

describe("ports", () => {
  it("a grouped stream cannot feed a sink, and the reason names both kinds", () => {
    let doc = emptyDocument("t");
    const src = addNode(doc, "stream-source", { x: 0, y: 0 });
    const group = addNode(src.doc, "group-by-key", { x: 0, y: 0 });
    const sink = addNode(group.doc, "sink", { x: 0, y: 0 });
    doc = connect(sink.doc, { node: src.id, port: "out" }, { node: group.id, port: "in" });
    const problem = connectionProblem(
      doc,
      portsOf(doc),
      { node: group.id, port: "out" },
      { node: sink.id, port: "in" },
    );
    expect(problem).toBe("Sink takes stream on 'in', not a grouped-stream.");
  });

  it("groupBy on a KTable yields a grouped table (KTable#groupBy)", () => {
    const t = addNode(emptyDocument("t"), "table-source", { x: 0, y: 0 });
    const g = addNode(t.doc, "group-by", { x: 0, y: 0 });
    const doc = connect(g.doc, { node: t.id, port: "out" }, { node: g.id, port: "in" });
    expect(portsOf(doc).get(g.id)?.outputs).toEqual({ out: "grouped-table" });
  });

  it("refuses a connection that closes a cycle", () => {
    const a = addNode(emptyDocument("t"), "filter", { x: 0, y: 0 });
    const b = addNode(a.doc, "filter", { x: 0, y: 0 });
    const doc = connect(b.doc, { node: a.id, port: "out" }, { node: b.id, port: "in" });
    expect(
      connectionProblem(doc, portsOf(doc), { node: b.id, port: "out" }, { node: a.id, port: "in" }),
    ).toBe("That would make a cycle.");
  });
});

describe("config defaults from the zod schemas", () => {
  it("a new window is tumbling, a new branch has one branch and a default branch", () => {
    expect(defaultConfig("windowed-by")).toEqual({ window: { type: "tumbling", sizeMs: 1 } });
    expect(defaultConfig("branch")).toEqual({
      branches: [{ name: "", predicate: "" }],
      defaultBranch: true,
    });
  });
});

describe("live validation", () => {
  it("Kafka Streams co-partitioning: a 3- and a 6-partition join is an error on the join, fixed in one click", () => {
    let doc = upsertTopic(upsertTopic(emptyDocument("t"), topic("clicks", 3)), topic("orders", 6));
    const left = addNode(doc, "stream-source", { x: 0, y: 0 }, { topic: "clicks" });
    const right = addNode(left.doc, "stream-source", { x: 0, y: 200 }, { topic: "orders" });
    const join = addNode(
      right.doc,
      "stream-stream-join",
      { x: 300, y: 100 },
      {
        joinType: "inner",
        beforeMs: 1000,
        afterMs: 1000,
        leftAlias: "L",
        rightAlias: "R",
      },
    );
    const sink = addNode(join.doc, "sink", { x: 600, y: 100 }, { topic: "out" });
    doc = connect(sink.doc, { node: left.id, port: "out" }, { node: join.id, port: "left" });
    doc = connect(doc, { node: right.id, port: "out" }, { node: join.id, port: "right" });
    doc = connect(doc, { node: join.id, port: "out" }, { node: sink.id, port: "in" });

    const finding = analyze(doc)
      .byNode.get(join.id)
      ?.find((f) => f.code === "RF501");
    expect(finding?.message).toContain("clicks=3");
    expect(finding?.message).toContain("orders=6");
    const fixed = applyFinding(doc, finding!);
    expect(analyze(fixed).findings.filter((f) => f.severity === "error")).toEqual([]);
    const inserted = fixed.nodes.find((n) => n.kind === "repartition")!;
    expect(fixed.layout?.nodes[inserted.id]).toBeDefined();
  });
});
