// Co-partitioning of joins, following Kafka Streams' CopartitionedTopicsEnforcer and
// RepartitionTopics: external topics of a join must agree, repartition topics take their
// count, GlobalKTable and foreign-key joins are exempt.
import { applyFix, validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { doc, ORDERS, PAYMENTS } from "./helpers";

const join = (left: number, right: number, extra: { nodes?: any[]; edges?: string[] } = {}) =>
  doc(
    [
      { ...ORDERS, partitions: left },
      { ...PAYMENTS, partitions: right },
    ],
    [
      ["orders", "stream-source", { topic: "orders" }],
      ["payments", "stream-source", { topic: "payments" }],
      ...(extra.nodes ?? []),
      ["j", "stream-stream-join", { joinType: "inner", beforeMs: 1000, afterMs: 1000 }],
      ["out", "sink", { topic: "joined" }],
    ],
    extra.edges ?? ["orders->j:left", "payments->j:right", "j->out"],
  );

const errors = (input: unknown) => validate(input).findings.filter((f) => f.severity === "error");

describe("co-partitioning", () => {
  it("rejects a join of a 3- and a 6-partition topic naming both counts (CopartitionedTopicsEnforcer: 'Topics not co-partitioned')", () => {
    const [f] = errors(join(3, 6));
    expect(f.code).toBe("RF501");
    expect(f.nodeId).toBe("j");
    expect(f.message).toContain("Topics not co-partitioned: [{orders=3, payments=6}]");
    expect(f.fix?.title).toBe("Repartition `orders` to 6 partitions");
  });

  it("applying the fix inserts a 6-partition repartition node and makes the join valid", () => {
    const input = join(3, 6);
    const { document, findings } = validate(input);
    const fixed = applyFix(document!, findings.find((f) => f.code === "RF501")!.fix!);
    const result = validate(fixed);
    expect(errors(fixed)).toEqual([]);
    const inserted = fixed.nodes.find((n) => n.kind === "repartition")!;
    expect(inserted.config).toEqual({ partitions: 6 });
    expect(result.analysis.nodes.j.inputs.left[0].topics).toEqual([{ repartition: 0 }]);
    expect(result.analysis.repartitions[0].resolvedPartitions).toBe(6);
  });

  it("infers a repartition after selectKey and gives it the other side's source count (repartition topics take the co-partitioned source topics' count)", () => {
    const input = join(3, 6, {
      nodes: [["rekey", "select-key", { key: "customer" }]],
      edges: ["orders->rekey", "rekey->j:left", "payments->j:right", "j->out"],
    });
    const { findings, analysis } = validate(input);
    expect(errors(input)).toEqual([]);
    expect(findings.some((f) => f.code === "RF503" && f.nodeId === "j")).toBe(true);
    expect(analysis.repartitions).toHaveLength(1);
    expect(analysis.repartitions[0]).toMatchObject({
      nodeId: "j",
      port: "left",
      reason: "key-changed",
      resolvedPartitions: 6,
    });
  });

  it("gives repartition topics that only meet each other the max of their counts (CopartitionedTopicsEnforcer#getMaxPartitions)", () => {
    const input = join(3, 6, {
      nodes: [
        ["rekey-o", "select-key", { key: "customer" }],
        ["rekey-p", "select-key", { key: "method" }],
      ],
      edges: [
        "orders->rekey-o",
        "payments->rekey-p",
        "rekey-o->j:left",
        "rekey-p->j:right",
        "j->out",
      ],
    });
    const { analysis } = validate(input);
    expect(errors(input)).toEqual([]);
    expect(analysis.repartitions.map((r) => r.resolvedPartitions)).toEqual([6, 6]);
  });

  it("accepts a stream-GlobalKTable join of mismatched counts (global tables are not co-partitioned)", () => {
    const input = doc(
      [
        { ...ORDERS, partitions: 3 },
        { ...PAYMENTS, partitions: 6 },
      ],
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["payments", "global-table-source", { topic: "payments" }],
        ["j", "stream-global-join", { joinType: "inner", key: "id" }],
        ["out", "sink", { topic: "joined" }],
      ],
      ["orders->j:left", "payments->j:right", "j->out"],
    );
    expect(errors(input)).toEqual([]);
  });

  it("accepts a foreign-key join of mismatched counts (KTable foreign-key joins repartition internally)", () => {
    const input = doc(
      [
        { ...ORDERS, partitions: 3 },
        { ...PAYMENTS, partitions: 6 },
      ],
      [
        ["orders", "table-source", { topic: "orders" }],
        ["payments", "table-source", { topic: "payments" }],
        ["j", "foreign-key-join", { joinType: "inner", foreignKey: "customer" }],
        ["s", "to-stream"],
        ["out", "sink", { topic: "joined" }],
      ],
      ["orders->j:left", "payments->j:right", "j->s", "s->out"],
    );
    expect(errors(input)).toEqual([]);
  });

  it("fixes a stream-table mismatch by repartitioning the stream side to the table's count (a KTable cannot be repartitioned)", () => {
    const input = doc(
      [
        { ...ORDERS, partitions: 6 },
        { ...PAYMENTS, partitions: 2 },
      ],
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["payments", "table-source", { topic: "payments" }],
        ["j", "stream-table-join", { joinType: "left" }],
        ["out", "sink", { topic: "joined" }],
      ],
      ["orders->j:left", "payments->j:right", "j->out"],
    );
    const { document, findings } = validate(input);
    const f = findings.find((x) => x.code === "RF501")!;
    expect(f.message).toContain("[{orders=6, payments=2}]");
    expect(f.fix?.title).toBe("Repartition `orders` to 2 partitions");
    expect(errors(applyFix(document!, f.fix!))).toEqual([]);
  });

  it("rejects an explicit repartition count that differs from the other side's source topic (CopartitionedTopicsEnforcer: 'Number of partitions [4] of repartition topic')", () => {
    const input = join(3, 6, {
      nodes: [["rp", "repartition", { partitions: 4 }]],
      edges: ["orders->rp", "rp->j:left", "payments->j:right", "j->out"],
    });
    const [f] = errors(input);
    expect(f.code).toBe("RF502");
    expect(f.nodeId).toBe("rp");
    expect(f.message).toContain("Number of partitions [4] of repartition topic");
    expect(f.message).toContain("doesn't match number of partitions [6] of the source topic");
  });

  it("gives a repartition topic outside any join the max count of its writing sub-topology's sources (RepartitionTopics)", () => {
    const input = doc(
      [
        { ...ORDERS, partitions: 3 },
        { ...ORDERS, name: "payments", partitions: 8 },
      ],
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["payments", "stream-source", { topic: "payments" }],
        ["m", "merge"],
        ["g", "group-by", { key: "id" }],
        ["c", "count"],
        ["s", "to-stream"],
        ["out", "sink", { topic: "counts" }],
      ],
      ["orders->m", "payments->m", "m->g", "g->c", "c->s", "s->out"],
    );
    expect(errors(input)).toEqual([]);
    expect(validate(input).analysis.repartitions[0].resolvedPartitions).toBe(8);
  });
});
