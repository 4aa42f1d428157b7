// Stateless nodes as ksqlDB clauses: WHERE for filters and branches, SELECT lists for
// mapValues, PARTITION BY for selectKey/map/repartition, EXPLODE for flatMaps, INSERT INTO
// for merges.
import type { Node, NodeOf } from "../graph";
import { upperSnake } from "../naming";
import type { Flow, KsqlContext } from "./context";
import { notTrue, overColumns, sql } from "./expressions";
import { isOpen, type Query, queryOver } from "./query";
import { alias, ident } from "./syntax";

type Live = Exclude<Flow, { kind: "broken" }>;

const names = (columns: { name: string }[]) => columns.map((c) => ident(c.name));
const projections = (columns: { name: string; expr: string }[]) =>
  columns.map((c) => alias(sql(c.expr), c.name));

function queryFlow(node: Node, query: Query): Live {
  return { kind: "query", query, origin: node };
}

/** Filters right after an aggregate (before its projection) are its HAVING clause; right
 *  after a join, its WHERE clause over the joined sources. */
export function filter(ctx: KsqlContext, node: NodeOf<"filter" | "filter-not">, flow: Live): void {
  const predicate = node.config.predicate;
  const query = ctx.query(flow, (q) => isOpen(q) || q.aggregates !== undefined || !!q.joined);
  const over = (text: string) => (query.joined ? overColumns(text, query.joined) : text);
  if (query.aggregates) {
    const having = overColumns(predicate, query.aggregates);
    query.having = [...(query.having ?? []), node.kind === "filter" ? having : notTrue(having)];
  } else query.where.push(node.kind === "filter" ? sql(over(predicate)) : notTrue(over(predicate)));
  ctx.setFlow(node, queryFlow(node, query));
}

/** After an aggregate, the projection selects the grouping key and expressions of its calls;
 *  after a join, the key and expressions over the joined sources. */
export function mapValues(ctx: KsqlContext, node: NodeOf<"map-values">, flow: Live): void {
  const query = ctx.query(flow, (q) => isOpen(q) || q.aggregates !== undefined || !!q.joined);
  const { aggregates, joined } = query;
  const plain = !aggregates && !joined && query.where.length === 0 && isOpen(query);
  query.projection = aggregates
    ? [
        ...(query.groupKeys ?? []),
        ...node.config.columns.map((c) => alias(overColumns(c.expr, aggregates), c.name)),
      ]
    : keyAndValues(query.schema.key, node.config.columns, joined);
  query.joinKeys = joined && query.schema.key.map((k) => overColumns(ident(k.name), joined));
  query.aggregates = undefined;
  query.joined = undefined;
  query.projected = plain
    ? new Map(node.config.columns.map((c) => [c.name, sql(c.expr)]))
    : undefined;
  query.schema = ctx.schemaOf(node);
  ctx.setFlow(node, queryFlow(node, query));
}

/** The key, then the value columns (over a join's sources while `joined` stands). A key
 *  column copied into the value is AS_VALUE(key): ksqlDB refuses selecting a key twice. */
function keyAndValues(
  key: { name: string }[],
  columns: { name: string; expr: string }[],
  joined: ReadonlyMap<string, string> | undefined,
): string[] {
  const over = (text: string) => (joined ? overColumns(text, joined) : sql(text));
  const keys = key.map((k) => (joined ? over(ident(k.name)) : ident(k.name)));
  return [
    ...key.map((k, i) => alias(keys[i], k.name)),
    ...columns.map((c) => {
      const expr = over(c.expr);
      return keys.includes(expr) ? `AS_VALUE(${expr}) AS ${ident(c.name)}` : alias(expr, c.name);
    }),
  ];
}

/** Over a plain projection or a join, PARTITION BY and the values are written over FROM's
 *  columns (ksqlDB evaluates PARTITION BY on the input row), so they stay one query. */
export function selectKey(ctx: KsqlContext, node: NodeOf<"select-key">, flow: Live): void {
  const query = ctx.query(flow, (q) => isOpen(q) || !!q.projected || !!q.joined);
  const over = query.projected ?? query.joined;
  const key = over ? overColumns(node.config.key, over) : sql(node.config.key);
  const values = query.schema.value.map((c) => ({
    name: c.name,
    expr: over?.get(c.name) ?? ident(c.name),
  }));
  // GROUP BY may take over a pending re-key only while the values are FROM's own columns.
  query.rekey = over ? undefined : { expr: key, keyName: node.config.keyName };
  query.projected = undefined;
  query.joined = undefined;
  query.projection = rekeyedProjection(key, node.config.keyName, values);
  query.partitionBy = key;
  query.schema = ctx.schemaOf(node);
  ctx.setFlow(node, queryFlow(node, query));
}

export function map(ctx: KsqlContext, node: NodeOf<"map">, flow: Live): void {
  const query = ctx.query(flow, isOpen);
  rekeyed(query, node.config.key, node.config.keyName, node.config.columns);
  query.schema = ctx.schemaOf(node);
  ctx.setFlow(node, queryFlow(node, query));
}

function rekeyed(
  query: Query,
  key: string,
  keyName: string,
  columns: { name: string; expr: string }[],
): void {
  const values = columns.map((c) => ({ name: c.name, expr: sql(c.expr) }));
  query.projection = rekeyedProjection(sql(key), keyName, values);
  query.partitionBy = sql(key);
}

/** The new key, then the value columns. PARTITION BY moves its expression into the key, so
 *  a value column computed by that same expression is kept with ksqlDB's AS_VALUE. */
export function rekeyedProjection(
  key: string,
  keyName: string,
  values: { name: string; expr: string }[],
): string[] {
  const value = (v: { name: string; expr: string }) =>
    v.expr === key ? `AS_VALUE(${v.expr}) AS ${ident(v.name)}` : alias(v.expr, v.name);
  return [alias(key, keyName), ...values.map(value)];
}

/** EXPLODE cannot be referenced in its own SELECT: explode into a stream, then project. */
export function flatMap(
  ctx: KsqlContext,
  node: NodeOf<"flat-map" | "flat-map-values">,
  flow: Live,
): void {
  const exploding = ctx.query(flow, isOpen);
  const { key, value } = exploding.schema;
  exploding.projection = [
    ...names(key),
    ...names(value),
    `EXPLODE(${sql(node.config.explode)}) AS ${ident(node.config.as)}`,
  ];
  const exploded = ctx.materialize(exploding, {
    ...node,
    label: `${node.label ?? node.id} exploded`,
  });
  const query = queryOver(exploded);
  if (node.kind === "flat-map") {
    rekeyed(query, node.config.key, node.config.keyName, node.config.columns);
  } else {
    query.projection = [...names(key), ...projections(node.config.columns)];
  }
  query.schema = ctx.schemaOf(node);
  ctx.setFlow(node, queryFlow(node, query));
}

/** KStream#split: branch i takes records matching predicate i and none before it. */
export function branch(ctx: KsqlContext, node: NodeOf<"branch">, flow: Live): void {
  const relation = ctx.relation(flow);
  const earlier: string[] = [];
  const used = new Set(ctx.graph.usedPorts(node));
  for (const b of node.config.branches) {
    if (used.has(b.name)) {
      const query = queryOver(relation);
      query.where = [...earlier.map(notTrue), sql(b.predicate)];
      ctx.setFlow(node, queryFlow(node, query), b.name);
    }
    earlier.push(b.predicate);
  }
  if (used.has("default")) {
    const query = queryOver(relation);
    query.where = earlier.map(notTrue);
    ctx.setFlow(node, queryFlow(node, query), "default");
  }
}

/** The first input creates the merged stream; every other input is an INSERT INTO it. */
export function merge(ctx: KsqlContext, node: NodeOf<"merge">, flows: Live[]): void {
  const name = ctx.names.claim(upperSnake(node.label ?? node.id));
  const [first, ...rest] = flows.map((f) => ctx.query(f, () => true));
  ctx.create(first, name, "");
  for (const query of rest) ctx.insertInto(query, name);
  const relation = { name, kind: "stream" as const, topic: name, schema: first.schema };
  ctx.setFlow(node, { kind: "relation", relation, origin: node });
}

/** PARTITION BY the current key (or a pending selectKey's), with the partition count. */
export function repartition(ctx: KsqlContext, node: NodeOf<"repartition">, flow: Live): void {
  const rekeyedOnly = (q: Query) => q.partitionBy !== undefined && !q.groupBy && !q.partitions;
  const query = ctx.query(flow, (q) => isOpen(q) || rekeyedOnly(q));
  query.partitionBy ??= names(query.schema.key).join(", ");
  query.partitions = node.config.partitions;
  const origin = node.config.name ? { ...node, label: node.config.name } : node;
  ctx.setFlow(node, queryFlow(origin, query));
}
