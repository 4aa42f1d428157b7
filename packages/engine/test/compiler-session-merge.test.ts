// ksqlDB's UDAF merge: a record bridging two sessions joins both sessions' aggregates, not just
// one of them, for every aggregate function.
import { describe, expect, it } from "vitest";
import { compileTopology, TopologyTestDriver } from "../src/index";

const topic = (name: string) => ({
  name,
  partitions: 1,
  keyFormat: "KAFKA",
  valueFormat: "JSON",
  key: [{ name: "ID", type: "STRING" }],
  value: [{ name: "V", type: "INT" }],
  valueUnwrapped: false,
});

const AGGREGATES = [
  ["S", "SUM"],
  ["N", "COUNT"],
  ["A", "AVG"],
  ["LO", "MIN"],
  ["HI", "MAX"],
  ["L", "COLLECT_LIST"],
  ["E", "EARLIEST_BY_OFFSET"],
  ["LAST", "LATEST_BY_OFFSET"],
];

function sessions(values: [number, number][]) {
  const nodes = [
    { id: "src", kind: "stream-source", config: { topic: "in" } },
    { id: "g", kind: "group-by-key", config: {} },
    { id: "w", kind: "windowed-by", config: { window: { type: "session", gapMs: 10 } } },
    {
      id: "agg",
      kind: "aggregate",
      config: { aggregations: AGGREGATES.map(([name, fn]) => ({ name, fn, args: ["V"] })) },
    },
    { id: "s", kind: "to-stream", config: {} },
    { id: "sink", kind: "sink", config: { topic: "out" } },
  ];
  const d = {
    format: "riffle.topology/v1",
    name: "sessions",
    applicationId: "sessions",
    topics: [topic("in"), topic("out")],
    nodes,
    edges: nodes.slice(1).map((n, i) => ({
      id: `e${i}`,
      from: { node: nodes[i].id, port: "out" },
      to: { node: n.id, port: "in" },
    })),
  };
  const driver = new TopologyTestDriver(compileTopology(d).topology);
  for (const [ts, v] of values) driver.pipeInput("in", "a", { V: v }, ts);
  return driver.readOutput("out").at(-1);
}

describe("ksqlDB: merging two sessions merges their aggregates", () => {
  it("a record at 8 bridges sessions [0,0] and [15,15] into [0,15] over all three values", () => {
    const last = sessions([
      [0, 1],
      [15, 2],
      [8, 4],
    ]);
    expect(last?.window).toEqual({ start: 0, end: 15 });
    expect(last?.value).toEqual({
      S: 7,
      N: 3,
      A: 7 / 3,
      LO: 1,
      HI: 4,
      L: [1, 2, 4],
      E: 1,
      LAST: 4,
    });
  });
});
