// describe() goldens for three reference topologies. Expected texts follow Kafka Streams'
// naming rules: one counter shared by processor and store names (InternalNameProvider),
// `<topic>-STATE-STORE-n` taken before a table's source names (StreamsBuilder#table),
// an aggregation's store then its processor name, then the lazy repartition's
// SINK/FILTER/SOURCE (GroupedStreamAggregateBuilder + KStreamImpl#createRepartitionedSource),
// and TopologyDescription's layout (nodes by descending sub-graph size, then name).
import { describe as describeTopology, validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { fixture } from "./helpers";

describe("describe()", () => {
  it("prints a filter/map-values pipeline as one sub-topology with numbered processors", () => {
    expect(describeTopology(fixture("filter-map"))).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0",
        "    Source: KSTREAM-SOURCE-0000000000 (topics: [orders])",
        "      --> KSTREAM-FILTER-0000000001",
        "    Processor: KSTREAM-FILTER-0000000001 (stores: [])",
        "      --> KSTREAM-MAPVALUES-0000000002",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])",
        "      --> KSTREAM-SINK-0000000003",
        "      <-- KSTREAM-FILTER-0000000001",
        "    Sink: KSTREAM-SINK-0000000003 (topic: large-orders)",
        "      <-- KSTREAM-MAPVALUES-0000000002",
        "",
        "",
      ].join("\n"),
    );
  });

  it("splits selectKey + groupByKey + count at the repartition topic named after the count's store (Kafka Streams: store 2, aggregate 3, then sink 4, filter 5, source 6)", () => {
    expect(describeTopology(fixture("rekey-count"))).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0",
        "    Source: KSTREAM-SOURCE-0000000000 (topics: [clicks])",
        "      --> KSTREAM-KEY-SELECT-0000000001",
        "    Processor: KSTREAM-KEY-SELECT-0000000001 (stores: [])",
        "      --> KSTREAM-FILTER-0000000005",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Processor: KSTREAM-FILTER-0000000005 (stores: [])",
        "      --> KSTREAM-SINK-0000000004",
        "      <-- KSTREAM-KEY-SELECT-0000000001",
        "    Sink: KSTREAM-SINK-0000000004 (topic: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition)",
        "      <-- KSTREAM-FILTER-0000000005",
        "",
        "  Sub-topology: 1",
        "    Source: KSTREAM-SOURCE-0000000006 (topics: [KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition])",
        "      --> KSTREAM-AGGREGATE-0000000003",
        "    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])",
        "      --> KTABLE-TOSTREAM-0000000007",
        "      <-- KSTREAM-SOURCE-0000000006",
        "    Processor: KTABLE-TOSTREAM-0000000007 (stores: [])",
        "      --> KSTREAM-SINK-0000000008",
        "      <-- KSTREAM-AGGREGATE-0000000003",
        "    Sink: KSTREAM-SINK-0000000008 (topic: clicks-per-user)",
        "      <-- KTABLE-TOSTREAM-0000000007",
        "",
        "",
      ].join("\n"),
    );
  });

  it("keeps a stream-table join and the windowed aggregation after it in one sub-topology, the table's store materialized for the join (processors sharing a store are one sub-topology)", () => {
    expect(describeTopology(fixture("join-window"))).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0",
        "    Source: KSTREAM-SOURCE-0000000000 (topics: [orders])",
        "      --> KSTREAM-JOIN-0000000004",
        "    Processor: KSTREAM-JOIN-0000000004 (stores: [customers-STATE-STORE-0000000001])",
        "      --> KSTREAM-AGGREGATE-0000000006",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Processor: KSTREAM-AGGREGATE-0000000006 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000005])",
        "      --> KTABLE-SUPPRESS-0000000007",
        "      <-- KSTREAM-JOIN-0000000004",
        "    Processor: KTABLE-SUPPRESS-0000000007 (stores: [KTABLE-SUPPRESS-STATE-STORE-0000000008])",
        "      --> KTABLE-TOSTREAM-0000000009",
        "      <-- KSTREAM-AGGREGATE-0000000006",
        "    Source: KSTREAM-SOURCE-0000000002 (topics: [customers])",
        "      --> KTABLE-SOURCE-0000000003",
        "    Processor: KTABLE-TOSTREAM-0000000009 (stores: [])",
        "      --> KSTREAM-SINK-0000000010",
        "      <-- KTABLE-SUPPRESS-0000000007",
        "    Sink: KSTREAM-SINK-0000000010 (topic: revenue-per-customer)",
        "      <-- KTABLE-TOSTREAM-0000000009",
        "    Processor: KTABLE-SOURCE-0000000003 (stores: [customers-STATE-STORE-0000000001])",
        "      --> none",
        "      <-- KSTREAM-SOURCE-0000000002",
        "",
        "",
      ].join("\n"),
    );
  });

  it("lists a global table as a global store sub-topology, numbered where it was added (InternalTopologyBuilder#makeNodeGroups)", () => {
    const text = describeTopology({
      format: "riffle.topology/v1",
      name: "g",
      topics: [
        {
          name: "stations",
          partitions: 1,
          key: [{ name: "id", type: "STRING" }],
          value: [{ name: "city", type: "STRING" }],
        },
        {
          name: "readings",
          partitions: 3,
          key: [{ name: "id", type: "STRING" }],
          value: [{ name: "t", type: "DOUBLE" }],
        },
      ],
      nodes: [
        { id: "stations", kind: "global-table-source", config: { topic: "stations" } },
        { id: "readings", kind: "stream-source", config: { topic: "readings" } },
        { id: "j", kind: "stream-global-join", config: { joinType: "left", key: "id" } },
        { id: "out", kind: "sink", config: { topic: "enriched" } },
      ],
      edges: [
        { id: "a", from: { node: "readings" }, to: { node: "j", port: "left" } },
        { id: "b", from: { node: "stations" }, to: { node: "j", port: "right" } },
        { id: "c", from: { node: "j" }, to: { node: "out" } },
      ],
    });
    expect(text).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0 for global store (will not generate tasks)",
        "    Source: KSTREAM-SOURCE-0000000001 (topics: [stations])",
        "      --> KTABLE-SOURCE-0000000002",
        "    Processor: KTABLE-SOURCE-0000000002 (stores: [stations-STATE-STORE-0000000000])",
        "      --> none",
        "      <-- KSTREAM-SOURCE-0000000001",
        "  Sub-topology: 1",
        "    Source: KSTREAM-SOURCE-0000000003 (topics: [readings])",
        "      --> KSTREAM-LEFTJOIN-0000000004",
        "    Processor: KSTREAM-LEFTJOIN-0000000004 (stores: [])",
        "      --> KSTREAM-SINK-0000000005",
        "      <-- KSTREAM-SOURCE-0000000003",
        "    Sink: KSTREAM-SINK-0000000005 (topic: enriched)",
        "      <-- KSTREAM-LEFTJOIN-0000000004",
        "",
        "",
      ].join("\n"),
    );
  });

  it("names a left stream-stream join as KStreamImplJoin does (two WINDOWED, JOINTHIS, OUTEROTHER, MERGE; the OUTERSHARED store reuses JOINTHIS's index) and an explicit repartition as KStreamImpl#doRepartition does (KSTREAM-REPARTITION-n, no null-key filter)", () => {
    const text = describeTopology({
      format: "riffle.topology/v1",
      name: "ss",
      topics: [
        { name: "left", partitions: 2 },
        { name: "right", partitions: 2 },
      ],
      nodes: [
        { id: "l", kind: "stream-source", config: { topic: "left" } },
        { id: "r", kind: "stream-source", config: { topic: "right" } },
        { id: "rp", kind: "repartition", config: {} },
        {
          id: "j",
          kind: "stream-stream-join",
          config: { joinType: "left", beforeMs: 10, afterMs: 10 },
        },
        { id: "out", kind: "sink", config: { topic: "out" } },
      ],
      edges: [
        { id: "a", from: { node: "l" }, to: { node: "j", port: "left" } },
        { id: "b", from: { node: "r" }, to: { node: "rp" } },
        { id: "c", from: { node: "rp" }, to: { node: "j", port: "right" } },
        { id: "d", from: { node: "j" }, to: { node: "out" } },
      ],
    });
    expect(text).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0",
        "    Source: KSTREAM-SOURCE-0000000000 (topics: [left])",
        "      --> KSTREAM-WINDOWED-0000000006",
        "    Source: KSTREAM-SOURCE-0000000005 (topics: [KSTREAM-REPARTITION-0000000002-repartition])",
        "      --> KSTREAM-WINDOWED-0000000007",
        "    Processor: KSTREAM-WINDOWED-0000000006 (stores: [KSTREAM-JOINTHIS-0000000008-store])",
        "      --> KSTREAM-JOINTHIS-0000000008",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Processor: KSTREAM-WINDOWED-0000000007 (stores: [KSTREAM-OUTEROTHER-0000000009-store])",
        "      --> KSTREAM-OUTEROTHER-0000000009",
        "      <-- KSTREAM-SOURCE-0000000005",
        "    Processor: KSTREAM-JOINTHIS-0000000008 (stores: [KSTREAM-OUTEROTHER-0000000009-store, KSTREAM-OUTERSHARED-0000000008-store])",
        "      --> KSTREAM-MERGE-0000000010",
        "      <-- KSTREAM-WINDOWED-0000000006",
        "    Processor: KSTREAM-OUTEROTHER-0000000009 (stores: [KSTREAM-JOINTHIS-0000000008-store, KSTREAM-OUTERSHARED-0000000008-store])",
        "      --> KSTREAM-MERGE-0000000010",
        "      <-- KSTREAM-WINDOWED-0000000007",
        "    Processor: KSTREAM-MERGE-0000000010 (stores: [])",
        "      --> KSTREAM-SINK-0000000011",
        "      <-- KSTREAM-JOINTHIS-0000000008, KSTREAM-OUTEROTHER-0000000009",
        "    Sink: KSTREAM-SINK-0000000011 (topic: out)",
        "      <-- KSTREAM-MERGE-0000000010",
        "",
        "  Sub-topology: 1",
        "    Source: KSTREAM-SOURCE-0000000001 (topics: [right])",
        "      --> KSTREAM-SINK-0000000003",
        "    Sink: KSTREAM-SINK-0000000003 (topic: KSTREAM-REPARTITION-0000000002-repartition)",
        "      <-- KSTREAM-SOURCE-0000000001",
        "",
        "",
      ].join("\n"),
    );
  });

  it("names repartition topics in the analysis as describe() prints them, and numbers sub-topologies the same way", () => {
    const result = validate(fixture("rekey-count"));
    expect(result.analysis.repartitions.map((r) => r.name)).toEqual([
      "KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition",
    ]);
    expect(result.analysis.nodes["by-user"].subTopology).toBe(0);
    expect(result.analysis.nodes.count.subTopology).toBe(1);
    expect(result.analysis.nodes.group.subTopology).toBe(1);
    expect(result.analysis.nodes.count).toMatchObject({
      processors: ["KSTREAM-AGGREGATE-0000000003"],
      stores: ["KSTREAM-AGGREGATE-STATE-STORE-0000000002"],
    });
    expect(result.analysis.nodes.group.processors).toEqual(["KSTREAM-SOURCE-0000000006"]);
    expect(result.analysis.subTopologies.map((t) => t.sourceTopics)).toEqual([
      ["clicks"],
      ["KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition"],
    ]);
  });

  it("KTable#groupBy materializes the source table (enableSendingOldValues(true)) and KGroupedTableImpl#doAggregate names sink, source, then the aggregate after the store", () => {
    const text = describeTopology({
      format: "riffle.topology/v1",
      name: "tg",
      topics: [
        {
          name: "users",
          partitions: 2,
          key: [{ name: "id", type: "STRING" }],
          value: [{ name: "region", type: "STRING" }],
        },
      ],
      nodes: [
        { id: "t", kind: "table-source", config: { topic: "users" } },
        { id: "g", kind: "group-by", config: { key: "region" } },
        { id: "c", kind: "count", config: {} },
        { id: "s", kind: "to-stream", config: {} },
        { id: "out", kind: "sink", config: { topic: "per-region" } },
      ],
      edges: [
        { id: "a", from: { node: "t" }, to: { node: "g" } },
        { id: "b", from: { node: "g" }, to: { node: "c" } },
        { id: "c", from: { node: "c" }, to: { node: "s" } },
        { id: "d", from: { node: "s" }, to: { node: "out" } },
      ],
    });
    expect(text).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0",
        "    Source: KSTREAM-SOURCE-0000000001 (topics: [users])",
        "      --> KTABLE-SOURCE-0000000002",
        "    Processor: KTABLE-SOURCE-0000000002 (stores: [users-STATE-STORE-0000000000])",
        "      --> KTABLE-SELECT-0000000003",
        "      <-- KSTREAM-SOURCE-0000000001",
        "    Processor: KTABLE-SELECT-0000000003 (stores: [])",
        "      --> KSTREAM-SINK-0000000005",
        "      <-- KTABLE-SOURCE-0000000002",
        "    Sink: KSTREAM-SINK-0000000005 (topic: KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition)",
        "      <-- KTABLE-SELECT-0000000003",
        "",
        "  Sub-topology: 1",
        "    Source: KSTREAM-SOURCE-0000000006 (topics: [KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition])",
        "      --> KTABLE-AGGREGATE-0000000007",
        "    Processor: KTABLE-AGGREGATE-0000000007 (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])",
        "      --> KTABLE-TOSTREAM-0000000008",
        "      <-- KSTREAM-SOURCE-0000000006",
        "    Processor: KTABLE-TOSTREAM-0000000008 (stores: [])",
        "      --> KSTREAM-SINK-0000000009",
        "      <-- KTABLE-AGGREGATE-0000000007",
        "    Sink: KSTREAM-SINK-0000000009 (topic: per-region)",
        "      <-- KTABLE-TOSTREAM-0000000008",
        "",
        "",
      ].join("\n"),
    );
  });

  it("orders several successors as Kafka Streams does (HashMap walk, TreeSets keyed by sizes at insertion): a public describe() output of a fan-out with a global-table join and toTable, reproduced line for line", () => {
    // Expected text published with a Kafka Streams app (source -> to, leftJoin(globalTable),
    // mapValues, map().toTable(Materialized.as("prices-table")).toStream().to("prices")); only
    // the first sink is a fixed topic here instead of a lambda TopicNameExtractor.
    expect(describeTopology(fixture("fan-out"))).toBe(
      [
        "Topologies:",
        "   Sub-topology: 0",
        "    Source: KSTREAM-SOURCE-0000000000 (topics: [trades])",
        "      --> KSTREAM-LEFTJOIN-0000000005, KSTREAM-MAP-0000000008, KSTREAM-MAPVALUES-0000000007, KSTREAM-SINK-0000000001",
        "    Processor: KSTREAM-MAP-0000000008 (stores: [])",
        "      --> KSTREAM-FILTER-0000000011",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Processor: KSTREAM-FILTER-0000000011 (stores: [])",
        "      --> KSTREAM-SINK-0000000010",
        "      <-- KSTREAM-MAP-0000000008",
        "    Processor: KSTREAM-LEFTJOIN-0000000005 (stores: [])",
        "      --> KSTREAM-SINK-0000000006",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Processor: KSTREAM-MAPVALUES-0000000007 (stores: [])",
        "      --> none",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Sink: KSTREAM-SINK-0000000001 (topic: trades-audit)",
        "      <-- KSTREAM-SOURCE-0000000000",
        "    Sink: KSTREAM-SINK-0000000006 (topic: trades.stream.opportunities)",
        "      <-- KSTREAM-LEFTJOIN-0000000005",
        "    Sink: KSTREAM-SINK-0000000010 (topic: KSTREAM-TOTABLE-0000000009-repartition)",
        "      <-- KSTREAM-FILTER-0000000011",
        "",
        "  Sub-topology: 1 for global store (will not generate tasks)",
        "    Source: KSTREAM-SOURCE-0000000003 (topics: [positions])",
        "      --> KTABLE-SOURCE-0000000004",
        "    Processor: KTABLE-SOURCE-0000000004 (stores: [positions-STATE-STORE-0000000002])",
        "      --> none",
        "      <-- KSTREAM-SOURCE-0000000003",
        "  Sub-topology: 2",
        "    Source: KSTREAM-SOURCE-0000000012 (topics: [KSTREAM-TOTABLE-0000000009-repartition])",
        "      --> KSTREAM-TOTABLE-0000000009",
        "    Processor: KSTREAM-TOTABLE-0000000009 (stores: [prices-table])",
        "      --> KTABLE-TOSTREAM-0000000013",
        "      <-- KSTREAM-SOURCE-0000000012",
        "    Processor: KTABLE-TOSTREAM-0000000013 (stores: [])",
        "      --> KSTREAM-SINK-0000000014",
        "      <-- KSTREAM-TOTABLE-0000000009",
        "    Sink: KSTREAM-SINK-0000000014 (topic: prices)",
        "      <-- KTABLE-TOSTREAM-0000000013",
        "",
        "",
      ].join("\n"),
    );
  });
});
