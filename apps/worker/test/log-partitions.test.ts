// On the embedded log, as on Kafka, a topic that exists keeps its own partition count: a
// deployment reads every partition of it whatever the document declares, and a join whose
// topics really differ is refused with the counts on the join node (Kafka Streams'
// "Topics not co-partitioned" TopologyException, checked against what exists).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, passThrough, records, startTestWorker, type TestWorker } from "./harness";

const column = (name: string, type = "STRING") => ({ name, type });

function joinOf(clicksPartitions: number) {
  return {
    format: "riffle.topology/v1",
    name: "clicks-with-customers",
    topics: [
      {
        name: "real-clicks",
        partitions: clicksPartitions,
        key: [column("customerId")],
        value: [column("page")],
      },
      {
        name: "real-customers",
        partitions: 6,
        key: [column("customerId")],
        value: [column("name")],
      },
    ],
    nodes: [
      { id: "clicks", kind: "stream-source", config: { topic: "real-clicks" } },
      { id: "customers", kind: "table-source", config: { topic: "real-customers" } },
      {
        id: "j",
        kind: "stream-table-join",
        config: {
          joinType: "left",
          leftAlias: "C",
          rightAlias: "U",
          columns: [
            { name: "page", expr: "C.page" },
            { name: "name", expr: "U.name" },
          ],
        },
      },
      { id: "out", kind: "sink", config: { topic: "enriched-clicks" } },
    ],
    edges: [
      { id: "e1", from: { node: "clicks" }, to: { node: "j", port: "left" } },
      { id: "e2", from: { node: "customers" }, to: { node: "j", port: "right" } },
      { id: "e3", from: { node: "j" }, to: { node: "out" } },
    ],
  };
}

describe("partition counts of existing topics on the embedded log", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
  });
  afterAll(() => w?.stop());

  it("reads every partition of a topic wider than the document declares", async () => {
    await call(w, "POST", "/topics", { name: "wide", partitions: 4 });
    const keys = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const produced = await call(
      w,
      "POST",
      "/topics/wide/records",
      keys.map((key) => ({ key, value: { n: 1 } })),
    );
    const used = new Set(produced.body.positions.map((p: { partition: number }) => p.partition));
    expect(used.size).toBeGreaterThan(1);
    const t = await call(w, "POST", "/topologies", {
      name: "wide copy",
      document: passThrough("wide", "wide-copy"),
    });
    const dep = await call(w, "POST", "/deployments", { topologyId: t.body.id });
    expect(dep.body.status).toBe("running");
    const copied = await records(w, "wide-copy", keys.length);
    expect(copied.map((r) => r.key).sort()).toEqual(keys);
  });

  it("refuses a join whose existing topics are not co-partitioned, on the join node, with both counts", async () => {
    await call(w, "POST", "/topics", { name: "real-clicks", partitions: 3 });
    await call(w, "POST", "/topics", { name: "real-customers", partitions: 6 });
    const t = await call(w, "POST", "/topologies", { name: "join", document: joinOf(6) });
    const dep = await call(w, "POST", "/deployments", { topologyId: t.body.id });
    expect(dep.status).toBe(422);
    const finding = dep.body.error.details.findings.find(
      (f: { code: string }) => f.code === "RF501",
    );
    expect(finding.nodeId).toBe("j");
    expect(finding.message).toContain("real-clicks=3");
    expect(finding.message).toContain("real-customers=6");
    expect(finding.fix.title).toBe("Repartition `real-clicks` to 6 partitions");
  });
});
