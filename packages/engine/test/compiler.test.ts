// A topology document and its hand-written DSL twin must give identical output on the same
// input: the compiler adds nothing and loses nothing.
import { describe, expect, it } from "vitest";
import {
  CompileError,
  Consumed,
  compileTopology,
  Joined,
  JoinWindows,
  jsonSerde,
  Materialized,
  Produced,
  StreamsBuilder,
  Suppressed,
  stringSerde,
  type TestRecord,
  TimeWindows,
  TopologyTestDriver,
  type Windowed,
} from "../src/index";

const ORDER_COLUMNS = [
  { name: "ID", type: "STRING" },
  { name: "CUSTOMER", type: "STRING" },
  { name: "AMOUNT", type: "DOUBLE" },
];
const topic = (name: string, value = ORDER_COLUMNS, partitions = 1) => ({
  name,
  partitions,
  keyFormat: "KAFKA",
  valueFormat: "JSON",
  key: [{ name: "K", type: "STRING" }],
  value,
  valueUnwrapped: false,
});
const doc = (
  name: string,
  topics: unknown[],
  nodes: unknown[],
  edges: [string, string, string?, string?][],
) => ({
  format: "riffle.topology/v1",
  name,
  applicationId: name,
  topics,
  nodes,
  edges: edges.map(([from, to, toPort, fromPort], i) => ({
    id: `e${i}`,
    from: { node: from, port: fromPort ?? "out" },
    to: { node: to, port: toPort ?? "in" },
  })),
});
const n = (id: string, kind: string, config: unknown = {}) => ({ id, kind, config });
const serdes = Consumed.with(stringSerde() as any, jsonSerde());
const out = Produced.with(stringSerde() as any, jsonSerde());

const orders: TestRecord[] = Array.from({ length: 60 }, (_, i) => ({
  topic: "orders",
  key: `o${i}`,
  value: { ID: `o${i}`, CUSTOMER: `c${i % 4}`, AMOUNT: (i * 37) % 250 },
  timestamp: 1000 * i + (i % 7 === 3 ? -2500 : 0),
}));
const customers: TestRecord[] = ["c0", "c1", "c2"].map((c, i) => ({
  topic: "customers",
  key: c,
  value: { NAME: `name-${c}`, TIER: i },
  timestamp: 0,
}));
const payments: TestRecord[] = orders
  .filter((_, i) => i % 3 === 0)
  .map((o) => ({
    topic: "payments",
    key: (o.value as any).CUSTOMER,
    value: {
      ID: `p-${(o.value as any).ID}`,
      CUSTOMER: (o.value as any).CUSTOMER,
      AMOUNT: (o.value as any).AMOUNT,
    },
    timestamp: o.timestamp + 4000,
  }));

function run(topology: ConstructorParameters<typeof TopologyTestDriver>[0], input: TestRecord[]) {
  const d = new TopologyTestDriver(topology);
  d.pipeRecords(input);
  return d.allOutput().map((r) => ({ ...r, partition: undefined }));
}

function twins(document: unknown, twin: (b: StreamsBuilder) => void, input: TestRecord[]) {
  const compiled = compileTopology(document).topology;
  const b = new StreamsBuilder();
  twin(b);
  const app = (document as { applicationId: string }).applicationId;
  const hand = b.build({ applicationId: app });
  const a = run(compiled, input);
  expect(a.length).toBeGreaterThan(0);
  expect(a).toEqual(run(hand, input));
}

describe("document compiler: documents and their DSL twins give identical output", () => {
  it("filter + map-values (ksqlDB null-safe predicate, projection)", () => {
    const d = doc(
      "etl",
      [topic("orders"), topic("big")],
      [
        n("src", "stream-source", { topic: "orders" }),
        n("f", "filter", { predicate: "AMOUNT > 100" }),
        n("m", "map-values", {
          columns: [
            { name: "ID", expr: "ID" },
            { name: "TOTAL", expr: "AMOUNT * 2" },
          ],
        }),
        n("out", "sink", { topic: "big" }),
      ],
      [
        ["src", "f"],
        ["f", "m"],
        ["m", "out"],
      ],
    );
    twins(
      d,
      (b) =>
        b
          .stream("orders", serdes)
          .filter((_k, v) => v.AMOUNT > 100)
          .mapValues((v) => ({ ID: v.ID, TOTAL: v.AMOUNT * 2 }))
          .to("big", out),
      orders,
    );
  });

  it("select-key + group-by-key + count (repartition after selectKey)", () => {
    const d = doc(
      "counts",
      [
        topic("orders", ORDER_COLUMNS, 3),
        { ...topic("counts"), value: [{ name: "N", type: "BIGINT" }], valueUnwrapped: true },
      ],
      [
        n("src", "stream-source", { topic: "orders" }),
        n("rekey", "select-key", { key: "CUSTOMER" }),
        n("g", "group-by-key"),
        n("c", "count", { column: "N" }),
        n("s", "to-stream"),
        n("out", "sink", { topic: "counts" }),
      ],
      [
        ["src", "rekey"],
        ["rekey", "g"],
        ["g", "c"],
        ["c", "s"],
        ["s", "out"],
      ],
    );
    twins(
      d,
      (b) =>
        b
          .stream("orders", serdes)
          .selectKey((_k, v) => v.CUSTOMER)
          .groupByKey()
          .count()
          .toStream()
          .to("counts", out),
      orders,
    );
  });

  it("tumbling window aggregate SUM/COUNT with suppress until window close", () => {
    const d = doc(
      "windowed",
      [topic("orders"), topic("totals")],
      [
        n("src", "stream-source", { topic: "orders" }),
        n("g", "group-by-key"),
        n("w", "windowed-by", { window: { type: "tumbling", sizeMs: 10_000, graceMs: 3000 } }),
        n("a", "aggregate", {
          aggregations: [
            { name: "TOTAL", fn: "SUM", args: ["AMOUNT"] },
            { name: "N", fn: "COUNT", args: [] },
          ],
        }),
        n("sup", "suppress", { until: "window-close" }),
        n("s", "to-stream"),
        n("out", "sink", { topic: "totals" }),
      ],
      [
        ["src", "g"],
        ["g", "w"],
        ["w", "a"],
        ["a", "sup"],
        ["sup", "s"],
        ["s", "out"],
      ],
    );
    const rekeyed = orders.map((o) => ({ ...o, key: (o.value as any).CUSTOMER }));
    twins(
      d,
      (b) =>
        b
          .stream("orders", serdes)
          .groupByKey()
          .windowedBy(TimeWindows.ofSizeAndGrace(10_000, 3000))
          .aggregate(
            () => ({ TOTAL: 0, N: 0 }),
            (_k, v, agg) => ({ TOTAL: agg.TOTAL + v.AMOUNT, N: agg.N + 1 }),
            Materialized.as("a"),
          )
          .suppress(Suppressed.untilWindowCloses())
          .toStream()
          .to("totals", out),
      rekeyed,
    );
  });

  it("stream-table left join enriching orders with customers", () => {
    const customerTopic = {
      ...topic("customers"),
      value: [
        { name: "NAME", type: "STRING" },
        { name: "TIER", type: "INT" },
      ],
    };
    const d = doc(
      "enrich",
      [topic("orders"), customerTopic, topic("enriched")],
      [
        n("o", "stream-source", { topic: "orders" }),
        n("rekey", "select-key", { key: "CUSTOMER" }),
        n("c", "table-source", { topic: "customers" }),
        n("j", "stream-table-join", {
          joinType: "left",
          leftAlias: "O",
          rightAlias: "C",
          columns: [
            { name: "ID", expr: "O.ID" },
            { name: "NAME", expr: "C.NAME" },
          ],
        }),
        n("out", "sink", { topic: "enriched" }),
      ],
      [
        ["o", "rekey"],
        ["rekey", "j", "left"],
        ["c", "j", "right"],
        ["j", "out"],
      ],
    );
    twins(
      d,
      (b) => {
        const table = b.table("customers", serdes);
        b.stream("orders", serdes)
          .selectKey((_k, v) => v.CUSTOMER)
          .leftJoin(
            table,
            (o, c) => ({ ID: o.ID, NAME: c?.NAME ?? null }),
            Joined.with(stringSerde() as any, jsonSerde()),
          )
          .to("enriched", out);
      },
      [...customers, ...orders],
    );
  });

  it("branch + stream-stream join within 10 s", () => {
    const d = doc(
      "matched",
      [topic("orders"), topic("payments"), topic("matched"), topic("small")],
      [
        n("o", "stream-source", { topic: "orders" }),
        n("p", "stream-source", { topic: "payments" }),
        n("rekey", "select-key", { key: "CUSTOMER" }),
        n("b", "branch", {
          branches: [{ name: "big", predicate: "AMOUNT >= 50" }],
          defaultBranch: true,
        }),
        n("j", "stream-stream-join", {
          joinType: "inner",
          beforeMs: 10_000,
          afterMs: 10_000,
          graceMs: 0,
          columns: [
            { name: "ORDER_ID", expr: "L.ID" },
            { name: "PAYMENT_ID", expr: "R.ID" },
          ],
        }),
        n("out", "sink", { topic: "matched" }),
        n("rest", "sink", { topic: "small" }),
      ],
      [
        ["o", "rekey"],
        ["rekey", "b"],
        ["b", "j", "left", "big"],
        ["p", "j", "right"],
        ["j", "out"],
        ["b", "rest", "in", "default"],
      ],
    );
    const input = [...orders, ...payments].sort((a, b) => a.timestamp - b.timestamp);
    twins(
      d,
      (b) => {
        const branches = b
          .stream("orders", serdes)
          .selectKey((_k, v) => v.CUSTOMER)
          .split()
          .branch((_k, v) => v.AMOUNT >= 50)
          .defaultBranch();
        const [big, rest] = Object.values(branches);
        big
          .join(
            b.stream("payments", serdes),
            (l, r) => ({ ORDER_ID: l.ID, PAYMENT_ID: r.ID }),
            JoinWindows.ofTimeDifferenceWithNoGrace(10_000),
            Joined.with(stringSerde() as any, jsonSerde()),
          )
          .to("matched", out);
        rest.to("small", out);
      },
      input,
    );
  });

  it("an invalid document is refused with the node named", () => {
    const d = doc(
      "bad",
      [topic("orders"), topic("o2")],
      [
        n("src", "stream-source", { topic: "orders" }),
        n("f", "filter", { predicate: "AMOUT > 1" }),
        n("out", "sink", { topic: "o2" }),
      ],
      [
        ["src", "f"],
        ["f", "out"],
      ],
    );
    expect(() => compileTopology(d)).toThrow(CompileError);
    expect(() => compileTopology(d)).toThrow(/node 'f'/);
  });

  it("windowed keys carry the window into output records", () => {
    const d = doc(
      "wk",
      [topic("orders"), topic("w")],
      [
        n("src", "stream-source", { topic: "orders" }),
        n("g", "group-by-key"),
        n("w", "windowed-by", { window: { type: "tumbling", sizeMs: 60_000, graceMs: 0 } }),
        n("c", "count"),
        n("s", "to-stream"),
        n("out", "sink", { topic: "w" }),
      ],
      [
        ["src", "g"],
        ["g", "w"],
        ["w", "c"],
        ["c", "s"],
        ["s", "out"],
      ],
    );
    const driver = new TopologyTestDriver(compileTopology(d).topology);
    driver.pipeInput("orders", "k", { ID: "1", CUSTOMER: "c", AMOUNT: 1 }, 61_000);
    const [r] = driver.readOutput("w");
    const w: Windowed = { key: r.key, window: r.window! };
    expect(w).toEqual({ key: "k", window: { start: 60_000, end: 120_000 } });
  });
});
