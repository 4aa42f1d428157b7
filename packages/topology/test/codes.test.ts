// Every catalogued code has a document that triggers it and a close variant that does not.
import { CODES, type Code, validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { doc, ORDERS, PAYMENTS } from "./helpers";

type Doc = ReturnType<typeof doc>;
const TOPICS = [ORDERS, PAYMENTS, { name: "out" }];

/** orders -> filter -> sink(out), with the middle node(s) and edges replaceable. */
const pipeline = (middle: [string, string, Record<string, unknown>?][], edges?: string[]): Doc =>
  doc(
    TOPICS,
    [
      ["orders", "stream-source", { topic: "orders" }],
      ...middle,
      ["out", "sink", { topic: "out" }],
    ],
    edges ?? [
      `orders->${middle[0][0]}`,
      ...middle.slice(1).map((m, i) => `${middle[i][0]}->${m[0]}`),
      `${middle.at(-1)![0]}->out`,
    ],
  );
const filter = (predicate: string) => pipeline([["f", "filter", { predicate }]]);
const base = () => filter("amount > 10");
const edit = (d: Doc, change: (d: any) => void): Doc => {
  const copy = structuredClone(d);
  change(copy);
  return copy;
};
const grouped = (
  after: [string, string, Record<string, unknown>?][],
  before: [string, string, Record<string, unknown>?][] = [],
) => pipeline([...before, ["g", "group-by-key"], ...after, ["s", "to-stream"]]);
const join = (config: Record<string, unknown>) =>
  doc(
    TOPICS,
    [
      ["orders", "stream-source", { topic: "orders" }],
      ["payments", "stream-source", { topic: "payments" }],
      ["j", "stream-stream-join", config],
      ["out", "sink", { topic: "out" }],
    ],
    ["orders->j:left", "payments->j:right", "j->out"],
  );

const CASES: Record<Code, { bad: unknown; good: unknown }> = {
  RF001: { bad: "{ not json", good: JSON.stringify(base()) },
  RF002: { bad: edit(base(), (d) => (d.name = 5)), good: base() },
  RF003: { bad: edit(base(), (d) => (d.format = "riffle.topology/v0")), good: base() },
  RF004: { bad: edit(base(), (d) => (d.nodes[1].kind = "filtr")), good: base() },
  RF005: { bad: edit(base(), (d) => (d.nodes[1].config = {})), good: base() },
  RF006: { bad: edit(base(), (d) => (d.nodes[2].id = "f")), good: base() },
  RF007: { bad: edit(base(), (d) => (d.edges[1].id = "e1")), good: base() },
  RF008: { bad: edit(base(), (d) => (d.edges[1].to.node = "ghost")), good: base() },
  RF009: { bad: edit(base(), (d) => d.nodes.push({ kind: "filter" })), good: base() },
  RF010: { bad: edit(base(), (d) => d.topics.push(d.topics[0])), good: base() },
  RF011: { bad: edit(base(), (d) => (d.topics[0].value[0].type = "DUBBLE")), good: base() },
  RF101: {
    bad: pipeline(
      [
        ["m", "merge"],
        ["f", "filter", { predicate: "amount > 1" }],
      ],
      ["orders->m", "m->f", "f->m", "f->out"],
    ),
    good: pipeline(
      [
        ["m", "merge"],
        ["f", "filter", { predicate: "amount > 1" }],
      ],
      ["orders->m", "m->f", "f->out"],
    ),
  },
  RF102: { bad: edit(base(), (d) => (d.edges[0].to.port = "left")), good: base() },
  RF103: { bad: edit(base(), (d) => (d.edges[1].from.port = "default")), good: base() },
  RF104: {
    bad: pipeline([
      ["c", "count"],
      ["s", "to-stream"],
    ]),
    good: grouped([["c", "count"]]),
  },
  RF105: {
    bad: edit(join({ joinType: "inner", beforeMs: 1, afterMs: 1 }), (d) => d.edges.splice(1, 1)),
    good: join({ joinType: "inner", beforeMs: 1, afterMs: 1 }),
  },
  RF106: {
    bad: edit(base(), (d) =>
      d.edges.push({ id: "x", from: { node: "orders" }, to: { node: "f" } }),
    ),
    good: base(),
  },
  RF107: {
    bad: edit(base(), (d) => {
      d.nodes.push({ id: "lonely", kind: "peek", config: {} });
      d.edges.push({ id: "x", from: { node: "orders" }, to: { node: "lonely" } });
    }),
    good: base(),
  },
  RF108: {
    bad: edit(base(), (d) => {
      d.nodes.pop();
      d.edges.pop();
    }),
    good: base(),
  },
  RF201: { bad: edit(base(), (d) => (d.nodes[0].config.topic = "unknown")), good: base() },
  RF202: { bad: edit(base(), (d) => (d.nodes[2].config.topic = "new-topic")), good: base() },
  RF203: {
    bad: edit(base(), (d) => (d.nodes[2].config = { topicExpression: "CONCAT('out-', customer)" })),
    good: base(),
  },
  RF204: { bad: edit(base(), (d) => (d.nodes[2].config = {})), good: base() },
  RF205: {
    bad: edit(base(), (d) => (d.nodes[2].config.topicExpression = "customer")),
    good: base(),
  },
  RF206: {
    bad: edit(base(), (d) => (d.nodes[0].config.timestamp = { kind: "field", field: "ts" })),
    good: edit(base(), (d) => (d.nodes[0].config.timestamp = { kind: "field", field: "amount" })),
  },
  RF301: { bad: filter("amount >"), good: base() },
  RF302: { bad: filter("amout > 10"), good: base() },
  RF303: { bad: filter("amount"), good: base() },
  RF304: {
    bad: grouped([
      ["a", "aggregate", { aggregations: [{ name: "t", fn: "SUM", args: ["customer"] }] }],
    ]),
    good: grouped([
      ["a", "aggregate", { aggregations: [{ name: "t", fn: "SUM", args: ["amount"] }] }],
    ]),
  },
  RF305: {
    bad: doc(
      TOPICS,
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["payments", "stream-source", { topic: "payments" }],
        ["m", "merge"],
        ["out", "sink", { topic: "out" }],
      ],
      ["orders->m", "payments->m", "m->out"],
    ),
    good: doc(
      TOPICS,
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["again", "stream-source", { topic: "orders" }],
        ["m", "merge"],
        ["out", "sink", { topic: "out" }],
      ],
      ["orders->m", "again->m", "m->out"],
    ),
  },
  RF306: {
    bad: pipeline([
      [
        "mv",
        "map-values",
        {
          columns: [
            { name: "a", expr: "amount" },
            { name: "a", expr: "customer" },
          ],
        },
      ],
    ]),
    good: pipeline([
      [
        "mv",
        "map-values",
        {
          columns: [
            { name: "a", expr: "amount" },
            { name: "b", expr: "customer" },
          ],
        },
      ],
    ]),
  },
  RF307: {
    bad: grouped([
      ["r", "reduce", { adder: [{ name: "total", expr: "AGG.amount + NEW.amount" }] }],
    ]),
    good: grouped([
      ["r", "reduce", { adder: [{ name: "amount", expr: "AGG.amount + NEW.amount" }] }],
    ]),
  },
  RF308: {
    bad: doc(
      TOPICS,
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["p", "global-table-source", { topic: "payments" }],
        ["j", "stream-global-join", { joinType: "inner", key: "amount" }],
        ["out", "sink", { topic: "out" }],
      ],
      ["orders->j:left", "p->j:right", "j->out"],
    ),
    good: doc(
      TOPICS,
      [
        ["orders", "stream-source", { topic: "orders" }],
        ["p", "global-table-source", { topic: "payments" }],
        ["j", "stream-global-join", { joinType: "inner", key: "customer" }],
        ["out", "sink", { topic: "out" }],
      ],
      ["orders->j:left", "p->j:right", "j->out"],
    ),
  },
  RF401: {
    bad: pipeline([
      ["w", "windowed-by", { window: { type: "tumbling", sizeMs: 1000 } }],
      ["c", "count"],
      ["s", "to-stream"],
    ]),
    good: grouped([
      ["w", "windowed-by", { window: { type: "tumbling", sizeMs: 1000 } }],
      ["c", "count"],
    ]),
  },
  RF402: {
    bad: grouped([
      ["c", "count"],
      ["x", "suppress", { until: "window-close" }],
    ]),
    good: grouped([
      ["w", "windowed-by", { window: { type: "tumbling", sizeMs: 1000 } }],
      ["c", "count"],
      ["x", "suppress", { until: "window-close" }],
    ]),
  },
  RF403: {
    bad: join({ joinType: "inner" }),
    good: join({ joinType: "inner", beforeMs: 0, afterMs: 5000 }),
  },
  RF404: {
    bad: grouped([
      [
        "r",
        "reduce",
        {
          adder: [{ name: "amount", expr: "AGG.amount + NEW.amount" }],
          subtractor: [{ name: "amount", expr: "AGG.amount - OLD.amount" }],
        },
      ],
    ]),
    good: grouped([
      ["r", "reduce", { adder: [{ name: "amount", expr: "AGG.amount + NEW.amount" }] }],
    ]),
  },
  RF501: {
    bad: edit(
      join({ joinType: "inner", beforeMs: 1, afterMs: 1 }),
      (d) => (d.topics[1].partitions = 6),
    ),
    good: join({ joinType: "inner", beforeMs: 1, afterMs: 1 }),
  },
  RF502: {
    bad: edit(join({ joinType: "inner", beforeMs: 1, afterMs: 1 }), (d) => {
      d.nodes.push({ id: "rp", kind: "repartition", config: { partitions: 4 } });
      d.edges[0].to.node = "rp";
      d.edges[0].to.port = "in";
      d.edges.push({ id: "x", from: { node: "rp" }, to: { node: "j", port: "left" } });
    }),
    good: join({ joinType: "inner", beforeMs: 1, afterMs: 1 }),
  },
  RF503: {
    bad: grouped([["c", "count"]], [["k", "select-key", { key: "customer" }]]),
    good: grouped([["c", "count"]]),
  },
};

const codesOf = (input: unknown) => validate(input).findings.map((f) => f.code);

describe("validation codes", () => {
  it("every catalogued code has a case", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(CODES).sort());
  });

  for (const [code, { bad, good }] of Object.entries(CASES)) {
    it(`${code} (${CODES[code as Code].title}) is reported for the bad document and not for the good one`, () => {
      const found = validate(bad).findings.filter((f) => f.code === code);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0].severity).toBe(CODES[code as Code].severity);
      expect(codesOf(good)).not.toContain(code);
    });
  }

  it("the base document is clean", () => {
    expect(validate(base()).findings).toEqual([]);
  });
});
