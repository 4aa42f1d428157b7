// Schema propagation through node kinds, with ksqlDB's result types and naming, and the
// scopes (frames convention) the engine must compile expressions with.
import { validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { doc, ORDERS, PAYMENTS } from "./helpers";

type Spec = [string, string, Record<string, unknown>?];
const TOPICS = [
  { ...ORDERS, value: { ...ORDERS.value, quantity: "INT", price: "DECIMAL(10, 2)" } },
  PAYMENTS,
  { name: "out" },
];
/** orders -> ...chain -> sink; returns the analysis of node `id`'s output. */
const after = (chain: Spec[], id = chain.at(-1)![0]) => {
  const ids = ["orders", ...chain.map((c) => c[0]), "out"];
  const d = doc(
    TOPICS,
    [["orders", "stream-source", { topic: "orders" }], ...chain, ["out", "sink", { topic: "out" }]],
    ids.slice(1).map((to, i) => `${ids[i]}->${to}`),
  );
  const r = validate(d);
  const errors = r.findings.filter((f) => f.severity === "error");
  expect(errors).toEqual([]);
  return r.analysis.nodes[id];
};
const cols = (n: ReturnType<typeof after>, port = "out") => {
  const s = n.outputs[port].schema!;
  const fmt = (c: { name: string; type: string }[]) => c.map((x) => `${x.name} ${x.type}`);
  return {
    key: fmt(s.key),
    value: fmt(s.value),
    unwrapped: s.valueUnwrapped,
    windowed: s.windowed,
  };
};
const GROUP: Spec = ["g", "group-by-key"];
const TO_STREAM: Spec = ["s", "to-stream"];

describe("schema propagation", () => {
  it("map-values projects typed columns and keeps the key", () => {
    const n = after([
      [
        "mv",
        "map-values",
        {
          columns: [
            { name: "total", expr: "quantity * price" },
            { name: "big", expr: "amount > 10" },
          ],
        },
      ],
    ]);
    expect(cols(n)).toMatchObject({
      key: ["id STRING"],
      value: ["total DECIMAL(21, 2)", "big BOOLEAN"],
    });
  });

  it("select-key and map name the new key column `keyName` and mark the stream for repartitioning", () => {
    const sk = after([["k", "select-key", { key: "quantity", keyName: "qty" }]]);
    expect(cols(sk).key).toEqual(["qty INT"]);
    expect(sk.outputs.out.keyChanged).toBe(true);
    const m = after([["m", "map", { key: "customer", columns: [{ name: "a", expr: "amount" }] }]]);
    expect(cols(m)).toMatchObject({ key: ["KEY STRING"], value: ["a DOUBLE"] });
  });

  it("flat-map-values binds each array element under `as` (frame `item`)", () => {
    const n = after([
      [
        "fm",
        "flat-map-values",
        { explode: "items", as: "sku", columns: [{ name: "sku", expr: "UCASE(sku)" }] },
      ],
    ]);
    expect(cols(n).value).toEqual(["sku STRING"]);
    expect(n.scopes.columns.columns.find((c) => c.name === "sku")).toMatchObject({
      frame: "item",
      type: { kind: "STRING" },
    });
    expect(n.outputs.out.keyChanged).toBe(false);
  });

  it("count is a single unwrapped BIGINT column (KGroupedStream#count)", () => {
    expect(cols(after([GROUP, ["c", "count", { column: "n" }], TO_STREAM], "c"))).toEqual({
      key: ["id STRING"],
      value: ["n BIGINT"],
      unwrapped: true,
      windowed: undefined,
    });
  });

  it("aggregate columns take ksqlDB's UDAF result types (SUM keeps INT, AVG is DOUBLE, COLLECT_LIST/TOPK are ARRAY<T>)", () => {
    const aggs = [
      { name: "n", fn: "COUNT" },
      { name: "q", fn: "SUM", args: ["quantity"] },
      { name: "p", fn: "SUM", args: ["price"] },
      { name: "avg", fn: "AVG", args: ["quantity"] },
      { name: "mx", fn: "MAX", args: ["amount"] },
      { name: "all", fn: "COLLECT_LIST", args: ["customer"] },
      { name: "top", fn: "TOPK", args: ["amount", "3"] },
      { name: "last", fn: "LATEST_BY_OFFSET", args: ["customer"] },
      { name: "d", fn: "COUNT_DISTINCT", args: ["customer"] },
    ];
    const n = after([GROUP, ["a", "aggregate", { aggregations: aggs }], TO_STREAM], "a");
    expect(cols(n).value).toEqual([
      "n BIGINT",
      "q INT",
      "p DECIMAL(10, 2)",
      "avg DOUBLE",
      "mx DOUBLE",
      "all ARRAY<STRING>",
      "top ARRAY<DOUBLE>",
      "last STRING",
      "d BIGINT",
    ]);
  });

  it("a windowed aggregation has a windowed key and WINDOWSTART/WINDOWEND downstream", () => {
    const chain: Spec[] = [
      GROUP,
      ["w", "windowed-by", { window: { type: "session", gapMs: 1000 } }],
      ["c", "count"],
      TO_STREAM,
      ["f", "filter", { predicate: "WINDOWEND - WINDOWSTART > 10" }],
    ];
    expect(cols(after(chain, "c")).windowed).toBe("session");
    expect(after(chain, "f").scopes.predicate.columns.map((c) => c.name)).toContain("WINDOWSTART");
  });

  it("group-by on a table re-keys and replaces the value (KTable#groupBy)", () => {
    const d = doc(
      TOPICS,
      [
        ["t", "table-source", { topic: "orders" }],
        [
          "g",
          "group-by",
          { key: "customer", keyName: "customer", columns: [{ name: "amount", expr: "amount" }] },
        ],
        [
          "r",
          "reduce",
          {
            adder: [{ name: "amount", expr: "AGG.amount + NEW.amount" }],
            subtractor: [{ name: "amount", expr: "AGG.amount - OLD.amount" }],
          },
        ],
        ["s", "to-stream"],
        ["out", "sink", { topic: "out" }],
      ],
      ["t->g", "g->r", "r->s", "s->out"],
    );
    const r = validate(d);
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.analysis.nodes.g.outputs.out.kind).toBe("grouped-table");
    expect(cols(r.analysis.nodes.r)).toMatchObject({
      key: ["customer STRING"],
      value: ["amount DOUBLE"],
    });
    const agg = r.analysis.nodes.r.scopes.subtractor.columns.find((c) => c.qualifier === "AGG");
    expect(agg).toMatchObject({ name: "amount", frame: "agg", field: "amount" });
  });

  it("join results default to `<alias>_<column>` and joiner scopes qualify each side (frames left/right)", () => {
    const d = doc(
      TOPICS,
      [
        ["o", "stream-source", { topic: "orders" }],
        ["p", "table-source", { topic: "payments" }],
        ["j", "stream-table-join", { joinType: "left", leftAlias: "O", rightAlias: "P" }],
        [
          "j2",
          "stream-table-join",
          { joinType: "inner", columns: [{ name: "x", expr: "L.amount - R.paid" }] },
        ],
        ["out", "sink", { topic: "out" }],
      ],
      ["o->j:left", "p->j:right", "o->j2:left", "p->j2:right", "j->out", "j2->out"],
    );
    const r = validate(d);
    expect(cols(r.analysis.nodes.j).value).toEqual([
      "O_amount DOUBLE",
      "O_customer STRING",
      "O_items ARRAY<STRING>",
      "O_quantity INT",
      "O_price DECIMAL(10, 2)",
      "P_paid DOUBLE",
      "P_method STRING",
    ]);
    expect(cols(r.analysis.nodes.j2).value).toEqual(["x DOUBLE"]);
    const right = r.analysis.nodes.j2.scopes.columns.columns.find((c) => c.name === "paid");
    expect(right).toMatchObject({ qualifier: "R", frame: "right", field: "paid" });
  });

  it("branch has one port per branch plus default, each carrying the input schema", () => {
    const d = doc(
      TOPICS,
      [
        ["o", "stream-source", { topic: "orders" }],
        [
          "b",
          "branch",
          { branches: [{ name: "big", predicate: "amount > 100" }], defaultBranch: true },
        ],
        ["out", "sink", { topic: "out" }],
        ["rest", "sink", { topic: "out" }],
      ],
      ["o->b", "b:big->out", "b:default->rest"],
    );
    const r = validate(d);
    expect(r.findings).toEqual([]);
    const n = r.analysis.nodes.b;
    expect(Object.keys(n.outputs)).toEqual(["big", "default"]);
    expect(cols(n, "big").value).toEqual(cols(n, "default").value);
  });

  it("scopes follow the frames convention: single key column unwrapped in frame key, values by field, meta pseudo columns", () => {
    const n = after([["f", "filter", { predicate: "amount > 1" }]]);
    const byName = Object.fromEntries(n.scopes.predicate.columns.map((c) => [c.name, c]));
    expect(byName.id).toMatchObject({ frame: "key" });
    expect(byName.id.field).toBeUndefined();
    expect(byName.amount).toMatchObject({ frame: "value", field: "amount" });
    expect(byName.ROWTIME).toMatchObject({
      frame: "meta",
      field: "timestamp",
      type: { kind: "BIGINT" },
    });
    expect(byName.WINDOWSTART).toBeUndefined();
  });

  it("unknown upstream schemas do not cascade into downstream expression errors", () => {
    const d = doc(
      TOPICS,
      [
        ["o", "stream-source", { topic: "missing" }],
        ["f", "filter", { predicate: "whatever > 1" }],
        ["out", "sink", { topic: "out" }],
      ],
      ["o->f", "f->out"],
    );
    expect(validate(d).findings.map((f) => f.code)).toEqual(["RF201"]);
  });
});
