// ksqlDB's single-value topics: a KAFKA-format (or WRAP_SINGLE_VALUE=false JSON) sink writes the
// row's one column bare, even when the projection upstream produced a one-column row.
import { describe, expect, it } from "vitest";
import { compileTopology, TopologyTestDriver } from "../src/index";

const topic = (name: string, valueFormat: string, column: { name: string; type: string }) => ({
  name,
  partitions: 1,
  keyFormat: "KAFKA",
  valueFormat,
  key: [{ name: "ID", type: "INT" }],
  value: [column],
  valueUnwrapped: true,
});

function run(valueFormat: string, input: unknown) {
  const d = {
    format: "riffle.topology/v1",
    name: "single",
    applicationId: "single",
    topics: [
      topic("in", valueFormat, { name: "S", type: "STRING" }),
      topic("out", valueFormat, { name: "U", type: "STRING" }),
    ],
    nodes: [
      { id: "src", kind: "stream-source", config: { topic: "in" } },
      { id: "m", kind: "map-values", config: { columns: [{ name: "U", expr: "UCASE(S)" }] } },
      { id: "sink", kind: "sink", config: { topic: "out" } },
    ],
    edges: [
      { id: "e0", from: { node: "src", port: "out" }, to: { node: "m", port: "in" } },
      { id: "e1", from: { node: "m", port: "out" }, to: { node: "sink", port: "in" } },
    ],
  };
  const driver = new TopologyTestDriver(compileTopology(d).topology);
  driver.pipeInput("in", 1, input, 0);
  return driver.readOutput("out").map((r) => r.value);
}

describe("ksqlDB: a single-value sink writes the column, not the row", () => {
  it("KAFKA value format", () => {
    expect(run("KAFKA", "abc")).toEqual(["ABC"]);
  });

  it("JSON with WRAP_SINGLE_VALUE=false, and a null value stays null", () => {
    expect(run("JSON", "abc")).toEqual(["ABC"]);
    expect(run("JSON", null)).toEqual([null]);
  });
});
