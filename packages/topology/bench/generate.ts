// A realistic generated topology of about `size` nodes: repeated pipelines of filters,
// map-values, re-keying, stream-table joins, windowed aggregations and sinks, each with its
// own expression texts (so the expression cache does not hide the cost).

type N = { id: string; kind: string; config: Record<string, unknown> };
type E = { id: string; from: { node: string; port?: string }; to: { node: string; port?: string } };

export function generateTopology(size: number) {
  const topics = [
    {
      name: "orders",
      partitions: 6,
      key: [{ name: "orderId", type: "STRING" }],
      value: [
        { name: "customerId", type: "STRING" },
        { name: "amount", type: "DOUBLE" },
        { name: "quantity", type: "INT" },
        { name: "status", type: "STRING" },
        { name: "items", type: "ARRAY<STRING>" },
      ],
    },
    {
      name: "customers",
      partitions: 6,
      key: [{ name: "customerId", type: "STRING" }],
      value: [
        { name: "name", type: "STRING" },
        { name: "region", type: "STRING" },
        { name: "tier", type: "INT" },
      ],
    },
  ];
  const nodes: N[] = [];
  const edges: E[] = [];
  const add = (kind: string, config: Record<string, unknown>, from?: string, port?: string) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, kind, config });
    if (from) edges.push({ id: `e${edges.length}`, from: { node: from }, to: { node: id, port } });
    return id;
  };
  const customers = add("table-source", { topic: "customers" });
  for (let i = 0; nodes.length < size; i++) {
    let at = add("stream-source", { topic: "orders" });
    at = add("filter", { predicate: `amount > ${i} AND status <> 'TEST${i}'` }, at);
    at = add(
      "map-values",
      {
        columns: [
          { name: "customerId", expr: "customerId" },
          { name: "amount", expr: `amount * ${1 + (i % 7)}.5` },
          { name: "quantity", expr: `quantity + ${i % 3}` },
          { name: "label", expr: `CONCAT(UCASE(status), '-${i}')` },
        ],
      },
      at,
    );
    at = add("select-key", { key: "customerId", keyName: "customerId" }, at);
    const join = add(
      "stream-table-join",
      {
        joinType: "left",
        leftAlias: "O",
        rightAlias: "C",
        columns: [
          { name: "amount", expr: "O.amount" },
          { name: "region", expr: `COALESCE(C.region, 'none-${i}')` },
          { name: "big", expr: `O.amount > ${100 + i} OR C.tier >= 2` },
        ],
      },
      at,
      "left",
    );
    edges.push({
      id: `e${edges.length}`,
      from: { node: customers },
      to: { node: join, port: "right" },
    });
    at = add("filter-not", { predicate: `region = 'blocked${i}'` }, join);
    at = add("group-by-key", {}, at);
    at = add(
      "windowed-by",
      { window: { type: "tumbling", sizeMs: 60000, graceMs: 1000 * (i % 5) } },
      at,
    );
    at = add(
      "aggregate",
      {
        aggregations: [
          { name: "orders", fn: "COUNT" },
          { name: "total", fn: "SUM", args: ["amount"] },
          { name: "regions", fn: "COLLECT_SET", args: ["region"] },
          { name: "top", fn: "TOPK", args: ["amount", "3"] },
        ],
      },
      at,
    );
    at = add("to-stream", {}, at);
    at = add(
      "map-values",
      {
        columns: [
          { name: "avg", expr: `total / orders + ${i}` },
          { name: "n", expr: "orders" },
        ],
      },
      at,
    );
    add("sink", { topic: `revenue-${i}` }, at);
  }
  return {
    format: "riffle.topology/v1",
    name: "generated",
    applicationId: "bench",
    topics,
    nodes,
    edges,
  };
}
