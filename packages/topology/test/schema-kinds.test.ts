// Schema propagation through the kinds not covered in schema.test.ts: every kind's output
// schema is known (no error) and has the expected shape.
import { validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { doc, ORDERS, PAYMENTS } from "./helpers";

const TOPICS = [ORDERS, PAYMENTS, { ...ORDERS, name: "orders2" }, { name: "out" }];
type Spec = [string, string, Record<string, unknown>?];

function analyse(nodes: Spec[], edges: string[]) {
  const r = validate(doc(TOPICS, nodes, edges));
  expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  return r.analysis;
}
const columnsOf = (a: ReturnType<typeof analyse>, id: string, port = "out") =>
  a.nodes[id].outputs[port].schema!.value.map((c) => `${c.name} ${c.type}`);
const ORDER_COLUMNS = ["amount DOUBLE", "customer STRING", "items ARRAY<STRING>"];

describe("schema propagation through every kind", () => {
  it("filter-not, peek, repartition and merge pass the schema through", () => {
    const a = analyse(
      [
        ["o", "stream-source", { topic: "orders" }],
        ["o2", "stream-source", { topic: "orders2" }],
        ["fn", "filter-not", { predicate: "customer IS NULL" }],
        ["pk", "peek"],
        ["rp", "repartition", { partitions: 2 }],
        ["m", "merge"],
        ["out", "sink", { topic: "out" }],
      ],
      ["o->fn", "fn->pk", "pk->rp", "rp->m", "o2->m", "m->out"],
    );
    for (const id of ["fn", "pk", "rp", "m"]) expect(columnsOf(a, id)).toEqual(ORDER_COLUMNS);
  });

  it("flat-map re-keys each exploded element and marks the stream", () => {
    const a = analyse(
      [
        ["o", "stream-source", { topic: "orders" }],
        [
          "fm",
          "flat-map",
          {
            explode: "items",
            as: "sku",
            key: "sku",
            keyName: "sku",
            columns: [{ name: "amount", expr: "amount" }],
          },
        ],
        ["out", "sink", { topic: "out" }],
      ],
      ["o->fm", "fm->out"],
    );
    expect(a.nodes.fm.outputs.out.schema!.key).toEqual([{ name: "sku", type: "STRING" }]);
    expect(columnsOf(a, "fm")).toEqual(["amount DOUBLE"]);
    expect(a.nodes.fm.outputs.out.keyChanged).toBe(true);
  });

  it("to-table, suppress and to-stream keep the schema; suppress keeps the windowed key", () => {
    const a = analyse(
      [
        ["o", "stream-source", { topic: "orders" }],
        ["tt", "to-table"],
        ["ts", "to-stream"],
        ["g", "group-by-key"],
        ["w", "windowed-by", { window: { type: "hopping", sizeMs: 10, advanceMs: 5 } }],
        ["c", "count"],
        ["sp", "suppress", { until: "time-limit", timeToWaitMs: 100 }],
        ["s2", "to-stream"],
        ["out", "sink", { topic: "out" }],
      ],
      ["o->tt", "tt->ts", "ts->g", "g->w", "w->c", "c->sp", "sp->s2", "s2->out"],
    );
    expect(columnsOf(a, "tt")).toEqual(ORDER_COLUMNS);
    expect(a.nodes.tt.outputs.out.kind).toBe("table");
    expect(a.nodes.sp.outputs.out.schema!.windowed).toBe("time");
    expect(columnsOf(a, "s2")).toEqual(["COUNT BIGINT"]);
  });

  it("cogroup produces the initializer's columns, typed, with one input per configured port", () => {
    const a = analyse(
      [
        ["o", "stream-source", { topic: "orders" }],
        ["p", "stream-source", { topic: "payments" }],
        ["go", "group-by-key"],
        ["gp", "group-by-key"],
        [
          "cg",
          "cogroup",
          {
            initializer: [{ name: "total", expr: "CAST(0 AS DOUBLE)" }],
            inputs: [
              { port: "orders", adder: [{ name: "total", expr: "AGG.total + NEW.amount" }] },
              { port: "payments", adder: [{ name: "total", expr: "AGG.total - NEW.paid" }] },
            ],
            window: { type: "tumbling", sizeMs: 1000 },
          },
        ],
        ["s", "to-stream"],
        ["out", "sink", { topic: "out" }],
      ],
      ["o->go", "p->gp", "go->cg:orders", "gp->cg:payments", "cg->s", "s->out"],
    );
    expect(columnsOf(a, "cg")).toEqual(["total DOUBLE"]);
    expect(a.nodes.cg.outputs.out.schema!.windowed).toBe("time");
    expect(Object.keys(a.nodes.cg.scopes)).toEqual([
      "initializer",
      "inputs[0].adder",
      "inputs[1].adder",
    ]);
  });

  it("stream-stream, table-table, foreign-key and global joins default to `<alias>_<column>`", () => {
    const a = analyse(
      [
        ["o", "stream-source", { topic: "orders" }],
        ["o2", "stream-source", { topic: "orders2" }],
        ["t1", "table-source", { topic: "orders" }],
        ["t2", "table-source", { topic: "payments" }],
        ["g", "global-table-source", { topic: "payments" }],
        ["ss", "stream-stream-join", { joinType: "outer", beforeMs: 5, afterMs: 5 }],
        ["tt", "table-table-join", { joinType: "left", leftAlias: "A", rightAlias: "B" }],
        ["fk", "foreign-key-join", { joinType: "left", foreignKey: "customer" }],
        [
          "gj",
          "stream-global-join",
          { joinType: "inner", key: "customer", columns: [{ name: "m", expr: "R.method" }] },
        ],
        ["s1", "to-stream"],
        ["s2", "to-stream"],
        ["out1", "sink", { topic: "out" }],
        ["out2", "sink", { topic: "out" }],
        ["out3", "sink", { topic: "out" }],
        ["out4", "sink", { topic: "out" }],
      ],
      [
        "o->ss:left",
        "o2->ss:right",
        "t1->tt:left",
        "t2->tt:right",
        "t1->fk:left",
        "t2->fk:right",
        "o->gj:left",
        "g->gj:right",
        "tt->s1",
        "fk->s2",
        "ss->out1",
        "s1->out2",
        "s2->out3",
        "gj->out4",
      ],
    );
    expect(columnsOf(a, "ss")).toEqual([
      ...ORDER_COLUMNS.map((c) => `L_${c}`),
      ...ORDER_COLUMNS.map((c) => `R_${c}`),
    ]);
    expect(columnsOf(a, "tt")).toEqual([
      ...ORDER_COLUMNS.map((c) => `A_${c}`),
      "B_paid DOUBLE",
      "B_method STRING",
    ]);
    expect(a.nodes.fk.outputs.out.kind).toBe("table");
    expect(a.nodes.fk.outputs.out.schema!.key).toEqual([{ name: "id", type: "STRING" }]);
    expect(columnsOf(a, "gj")).toEqual(["m STRING"]);
  });
});
