// One example config per node kind: the docs show them, tests check them against the schemas,
// and the canvas can use them as the config of a freshly dropped node.
import type { NodeKind } from "./document";

export const KIND_EXAMPLES: { [K in NodeKind]: Record<string, unknown> } = {
  "stream-source": { topic: "orders" },
  "table-source": { topic: "customers" },
  "global-table-source": { topic: "countries" },
  filter: { predicate: "amount > 100" },
  "filter-not": { predicate: "status = 'TEST'" },
  map: {
    key: "customerId",
    keyName: "customerId",
    columns: [{ name: "amount", expr: "amount" }],
  },
  "map-values": { columns: [{ name: "total", expr: "amount * quantity" }] },
  "flat-map": {
    explode: "items",
    as: "ITEM",
    key: "ITEM",
    keyName: "sku",
    columns: [{ name: "orderId", expr: "orderId" }],
  },
  "flat-map-values": { explode: "items", as: "ITEM", columns: [{ name: "sku", expr: "ITEM" }] },
  "select-key": { key: "customerId", keyName: "customerId" },
  branch: {
    branches: [
      { name: "large", predicate: "amount >= 1000" },
      { name: "medium", predicate: "amount >= 100" },
    ],
    defaultBranch: true,
  },
  merge: {},
  peek: {},
  repartition: { partitions: 6 },
  "group-by-key": {},
  "group-by": { key: "region", keyName: "region" },
  "windowed-by": { window: { type: "tumbling", sizeMs: 60000, graceMs: 5000 } },
  count: { column: "orders" },
  reduce: { adder: [{ name: "amount", expr: "AGG.amount + NEW.amount" }] },
  aggregate: {
    aggregations: [
      { name: "orders", fn: "COUNT" },
      { name: "total", fn: "SUM", args: ["amount"] },
      { name: "top3", fn: "TOPK", args: ["amount", "3"] },
    ],
  },
  cogroup: {
    initializer: [{ name: "total", expr: "CAST(0 AS DOUBLE)" }],
    inputs: [
      { port: "orders", adder: [{ name: "total", expr: "AGG.total + NEW.amount" }] },
      { port: "refunds", adder: [{ name: "total", expr: "AGG.total - NEW.amount" }] },
    ],
  },
  suppress: { until: "window-close" },
  "to-table": {},
  "to-stream": {},
  "stream-stream-join": { joinType: "inner", beforeMs: 300000, afterMs: 300000, graceMs: 60000 },
  "stream-table-join": {
    joinType: "left",
    leftAlias: "O",
    rightAlias: "C",
    columns: [
      { name: "amount", expr: "O.amount" },
      { name: "name", expr: "C.name" },
    ],
  },
  "table-table-join": { joinType: "outer" },
  "foreign-key-join": { joinType: "inner", foreignKey: "customerId" },
  "stream-global-join": { joinType: "left", key: "countryCode" },
  sink: { topic: "large-orders" },
};
