// Grouping and aggregation as ksqlDB clauses: GROUP BY (selectKey + groupByKey folds into
// GROUP BY expr), WINDOW, aggregate functions, EMIT FINAL for suppress, and the table/stream
// conversions.
import type { Node, NodeOf } from "../graph";
import { onWindowClose } from "../upstream-window";
import type { Flow, KsqlContext } from "./context";
import { overColumns, sql } from "./expressions";
import { isOpen, type Query, queryOver } from "./query";
import { alias, ident, windowClause } from "./syntax";

type Live = Exclude<Flow, { kind: "broken" }>;

function setQuery(ctx: KsqlContext, node: Node, query: Query): void {
  query.schema = ctx.schemaOf(node);
  ctx.setFlow(node, { kind: "query", query, origin: node });
}

/** A pending selectKey and nothing else: its key expression can be grouped on directly. */
const onlyRekeyed = (q: Query) => q.rekey !== undefined && !q.groupBy && !q.window;

export function groupByKey(ctx: KsqlContext, node: NodeOf<"group-by-key">, flow: Live): void {
  const query = ctx.query(flow, (q) => isOpen(q) || onlyRekeyed(q));
  if (query.rekey) {
    query.groupBy = [query.rekey.expr];
    query.groupKeys = [alias(query.rekey.expr, query.rekey.keyName)];
    query.projection = undefined;
    query.partitionBy = undefined;
    query.rekey = undefined;
  } else {
    query.groupKeys = query.schema.key.map((c) => ident(c.name));
    query.groupBy = query.groupKeys;
  }
  setQuery(ctx, node, query);
}

export function groupBy(ctx: KsqlContext, node: NodeOf<"group-by">, flow: Live): void {
  const { key, keyName, columns } = node.config;
  let query = ctx.query(flow, (q) => isOpen(q) || (!!q.joined && !columns));
  // Over a join, GROUP BY and the aggregate calls are written over the joined sources.
  const over = (text: string) => (query.joined ? overColumns(text, query.joined) : sql(text));
  if (columns) {
    // KTable#groupBy with a new value: project the new value and the new key first.
    query.projection = [
      ...query.schema.key.map((c) => ident(c.name)),
      ...columns.map((c) => alias(sql(c.expr), c.name)),
      alias(sql(key), keyName),
    ];
    query = queryOver(ctx.materialize(query, { ...node, label: `${node.label ?? node.id} input` }));
    query.groupBy = [ident(keyName)];
    query.groupKeys = [ident(keyName)];
  } else {
    query.groupBy = [over(key)];
    query.groupKeys = [alias(over(key), keyName)];
    query.projection = undefined;
  }
  setQuery(ctx, node, query);
}

export function windowedBy(ctx: KsqlContext, node: NodeOf<"windowed-by">, flow: Live): void {
  const clause = windowClause(node.config.window);
  if (!clause) {
    ctx.unsupported(node, "unsupported-window", "ksqlDB has no sliding windows (SlidingWindows)");
    return;
  }
  const query = ctx.query(flow, (q) => q.groupBy !== undefined && !q.window && !q.projection);
  query.window = clause;
  if (onWindowClose(node)) query.emit = "FINAL";
  setQuery(ctx, node, query);
}

function aggregated(ctx: KsqlContext, node: Node, flow: Live, calls: [string, string][]): void {
  const query = ctx.query(flow, (q) => q.groupBy !== undefined && !q.projection);
  const { joined } = query;
  const over = (call: string) => (joined ? overColumns(call, joined) : call);
  const written = calls.map(([n, c]): [string, string] => [n, over(c)]);
  query.projection = [
    ...(query.groupKeys ?? []),
    ...written.map(([n, c]) => `${c} AS ${ident(n)}`),
  ];
  query.aggregates = new Map(written);
  query.joined = undefined;
  query.kind = "table";
  setQuery(ctx, node, query);
}

export function count(ctx: KsqlContext, node: NodeOf<"count">, flow: Live): void {
  aggregated(ctx, node, flow, [[node.config.column, "COUNT(*)"]]);
}

export function aggregate(ctx: KsqlContext, node: NodeOf<"aggregate">, flow: Live): void {
  const calls = node.config.aggregations.map((a): [string, string] => {
    const args = a.fn === "COUNT" && a.args.length === 0 ? "*" : a.args.map(sql).join(", ");
    return [a.name, `${a.fn}(${args})`];
  });
  aggregated(ctx, node, flow, calls);
}

/** Suppressed.untilWindowCloses on a windowed aggregation is EMIT FINAL. */
export function suppress(ctx: KsqlContext, node: NodeOf<"suppress">, flow: Live): void {
  const windowedAggregate = (q: Query) => q.window !== undefined && q.kind === "table";
  if (
    node.config.until !== "window-close" ||
    flow.kind !== "query" ||
    !windowedAggregate(flow.query)
  ) {
    const what =
      node.config.until === "window-close"
        ? "suppress applies only directly to a windowed aggregation (EMIT FINAL)"
        : "ksqlDB has no time-limit suppression (Suppressed.untilTimeLimit)";
    ctx.unsupported(node, "unsupported-node", what);
    return;
  }
  setQuery(ctx, node, { ...flow.query, emit: "FINAL" });
}

/** KStream#toTable as the latest value per key; LATEST_BY_OFFSET skips nulls. */
export function toTable(ctx: KsqlContext, node: NodeOf<"to-table">, flow: Live): void {
  ctx.warn(
    node,
    "approximate-semantics",
    "toTable is written as LATEST_BY_OFFSET per key: a null value keeps the previous value instead of deleting the key",
  );
  const query = ctx.query(flow, isOpen);
  const keys = query.schema.key.map((c) => ident(c.name));
  query.groupBy = keys;
  query.projection = [
    ...keys,
    ...query.schema.value.map((c) => `LATEST_BY_OFFSET(${ident(c.name)}) AS ${ident(c.name)}`),
  ];
  query.kind = "table";
  setQuery(ctx, node, query);
}

/** KTable#toStream: the table's query carries on, read as its changelog stream. */
export function toStream(ctx: KsqlContext, node: NodeOf<"to-stream">, flow: Live): void {
  ctx.setFlow(node, { ...flow, changelog: true });
}
