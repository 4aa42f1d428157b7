// ksqlDB's null-value rule for stream projections: a record whose value is null keeps a null
// value through PARTITION BY (map) and SELECT (map-values); only the key is still computed.
import { describe, expect, it } from "vitest";
import { compileTopology, TopologyTestDriver } from "../src/index";

const COLUMNS = [
  { name: "ID", type: "STRING" },
  { name: "AMOUNT", type: "DOUBLE" },
];
const topic = (name: string) => ({
  name,
  partitions: 1,
  keyFormat: "KAFKA",
  valueFormat: "JSON",
  key: [{ name: "K", type: "STRING" }],
  value: COLUMNS,
  valueUnwrapped: false,
});
const chain = (name: string, node: { id: string; kind: string; config: unknown }) => ({
  format: "riffle.topology/v1",
  name,
  applicationId: name,
  topics: [topic("in"), topic("out")],
  nodes: [
    { id: "src", kind: "stream-source", config: { topic: "in" } },
    node,
    { id: "sink", kind: "sink", config: { topic: "out" } },
  ],
  edges: [
    { id: "e0", from: { node: "src", port: "out" }, to: { node: node.id, port: "in" } },
    { id: "e1", from: { node: node.id, port: "out" }, to: { node: "sink", port: "in" } },
  ],
});

function run(d: unknown, value: unknown) {
  const driver = new TopologyTestDriver(compileTopology(d).topology);
  driver.pipeInput("in", "k1", value, 5);
  return driver.readOutput("out").map((r) => ({ key: r.key, value: r.value }));
}

describe("ksqlDB: a stream record with a null value keeps value null through projections", () => {
  const map = chain("pby", {
    id: "m",
    kind: "map",
    config: {
      key: "CONCAT('x-', ID)",
      columns: [
        { name: "ID", expr: "ID" },
        { name: "AMOUNT", expr: "AMOUNT" },
      ],
    },
  });
  const mapValues = chain("sel", {
    id: "m",
    kind: "map-values",
    config: {
      columns: [
        { name: "ID", expr: "ID" },
        { name: "AMOUNT", expr: "AMOUNT * 2" },
      ],
    },
  });

  it("map (PARTITION BY) evaluates the key on an all-null row and forwards value null", () => {
    expect(run(map, null)).toEqual([{ key: "x-", value: null }]);
    expect(run(map, { ID: "a", AMOUNT: 1 })).toEqual([
      { key: "x-a", value: { ID: "a", AMOUNT: 1 } },
    ]);
  });

  it("map (PARTITION BY ROWTIME) reads ROWTIME as NULL on the all-null row of a null value", () => {
    const byRowtime = chain("pby-rowtime", {
      id: "m",
      kind: "map",
      config: { key: "ROWTIME", columns: [{ name: "ID", expr: "ID" }] },
    });
    expect(run(byRowtime, null)).toEqual([{ key: null, value: null }]);
    expect(run(byRowtime, { ID: "a", AMOUNT: 1 })).toEqual([{ key: "5", value: { ID: "a" } }]);
  });

  it("map-values (SELECT) forwards value null instead of a row of nulls", () => {
    expect(run(mapValues, null)).toEqual([{ key: "k1", value: null }]);
    expect(run(mapValues, { ID: "a", AMOUNT: 2 })).toEqual([
      { key: "k1", value: { ID: "a", AMOUNT: 4 } },
    ]);
  });
});
