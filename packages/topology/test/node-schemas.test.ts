// Every node kind's config schema accepts its documented example and rejects a bad config
// with a finding that names the node and the field.
import {
  KIND_EXAMPLES,
  NODE_KINDS,
  NodeConfigs,
  type NodeKind,
  parseDocument,
} from "@riffle/topology";
import { describe, expect, it } from "vitest";

/** A config each kind must reject, and the field the finding must point at. */
const INVALID: { [K in NodeKind]: [config: unknown, field: string] } = {
  "stream-source": [{ topic: "" }, "config.topic"],
  "table-source": [{ topic: "t", timestamp: { kind: "field" } }, "config.timestamp.field"],
  "global-table-source": [{}, "config.topic"],
  filter: [{ predicate: 3 }, "config.predicate"],
  "filter-not": [{}, "config.predicate"],
  map: [{ key: "k", columns: [{ name: "a" }] }, "config.columns[0].expr"],
  "map-values": [{ columns: "a" }, "config.columns"],
  "flat-map": [{ explode: "items", key: "k" }, "config.columns"],
  "flat-map-values": [{ columns: [] }, "config.explode"],
  "select-key": [{ keyName: "k" }, "config.key"],
  branch: [{ branches: [] }, "config.branches"],
  merge: [42, "config"],
  peek: ["x", "config"],
  repartition: [{ partitions: 0 }, "config.partitions"],
  "group-by-key": [[], "config"],
  "group-by": [{ key: "" }, "config.key"],
  "windowed-by": [{ window: { type: "tumbling" } }, "config.window.sizeMs"],
  count: [{ column: 1 }, "config.column"],
  reduce: [{}, "config.adder"],
  aggregate: [{ aggregations: [{ name: "x", fn: "MEDIAN" }] }, "config.aggregations[0].fn"],
  cogroup: [{ initializer: [], inputs: [] }, "config.initializer"],
  suppress: [{ until: "forever" }, "config.until"],
  "to-table": [{ store: 5 }, "config.store"],
  "to-stream": [false, "config"],
  "stream-stream-join": [{ joinType: "cross", beforeMs: 1, afterMs: 1 }, "config.joinType"],
  "stream-table-join": [{ joinType: "outer" }, "config.joinType"],
  "table-table-join": [{}, "config.joinType"],
  "foreign-key-join": [{ joinType: "inner" }, "config.foreignKey"],
  "stream-global-join": [{ joinType: "left" }, "config.key"],
  sink: [{ topic: "" }, "config.topic"],
};

const withNode = (kind: string, config: unknown) => ({
  format: "riffle.topology/v1",
  name: "t",
  nodes: [{ id: "n", kind, config }],
});

describe("node config schemas", () => {
  for (const kind of NODE_KINDS) {
    it(`${kind}: accepts the documented example`, () => {
      expect(NodeConfigs[kind].safeParse(KIND_EXAMPLES[kind]).success).toBe(true);
      const { document, findings } = parseDocument(withNode(kind, KIND_EXAMPLES[kind]));
      expect(findings).toEqual([]);
      expect(document?.nodes[0].kind).toBe(kind);
    });

    it(`${kind}: rejects a bad config with a finding on the node and field`, () => {
      const [config, field] = INVALID[kind];
      const { document, findings, invalidNodeIds } = parseDocument(withNode(kind, config));
      expect(findings.map((f) => [f.code, f.nodeId, f.field])).toContainEqual([
        "RF005",
        "n",
        field,
      ]);
      expect(document?.nodes).toEqual([]);
      expect(invalidNodeIds).toEqual(["n"]);
    });
  }

  it("fills defaults (KAFKA key format, L/R join aliases, record timestamps)", () => {
    const { document } = parseDocument({
      ...withNode("table-table-join", { joinType: "inner" }),
      topics: [{ name: "t", partitions: 2 }],
    });
    expect(document?.topics[0]).toMatchObject({
      keyFormat: "KAFKA",
      valueFormat: "JSON",
      key: [],
      value: [],
    });
    expect(document?.nodes[0].config).toMatchObject({ leftAlias: "L", rightAlias: "R" });
  });
});
