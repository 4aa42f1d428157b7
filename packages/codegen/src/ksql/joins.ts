// Joins as ksqlDB FROM ... JOIN ... [WITHIN ...] ON clauses. Kafka Streams joins on keys, so
// ON compares the key columns (or the foreign key / lookup expression with the right key).
import type { JoinKind, NodeOf } from "../graph";
import type { Flow, KsqlContext } from "./context";
import { overColumns, sql } from "./expressions";
import { foldedSide } from "./join-sides";
import { type Query, queryOver, type Relation } from "./query";
import { rekeyedProjection } from "./stateless";
import { alias, ident, qualified, withinClause } from "./syntax";

type Live = Exclude<Flow, { kind: "broken" }>;
type JoinNode = NodeOf<JoinKind>;

const JOIN_WORDS = { inner: "JOIN", left: "LEFT JOIN", outer: "FULL OUTER JOIN" } as const;

export function join(ctx: KsqlContext, node: JoinNode, left: Live, right: Live): void {
  const folded = foldedJoin(ctx, node);
  if (folded) {
    ctx.setFlow(node, { kind: "query", query: folded, origin: node });
    return;
  }
  const r = ctx.relation(right);
  const l =
    node.kind === "stream-global-join"
      ? lookupStream(ctx, node, ctx.relation(left), r)
      : ctx.relation(left);
  if (l.schema.key.length !== 1 || r.schema.key.length !== 1) {
    ctx.unsupported(node, "unsupported-join-key", "ksqlDB joins on one key column per side");
    return;
  }
  const on = onClause(ctx, node, l, r);
  if (on === undefined) return;
  const la = ident(node.config.leftAlias);
  const ra = ident(node.config.rightAlias);
  const within =
    node.kind === "stream-stream-join"
      ? ` ${withinClause(node.config.beforeMs, node.config.afterMs, node.config.graceMs)}`
      : "";
  const query: Query = {
    kind: node.kind === "table-table-join" || node.kind === "foreign-key-join" ? "table" : "stream",
    from: `${l.name} ${la}\n    ${JOIN_WORDS[node.config.joinType]} ${r.name} ${ra}${within} ON ${on}`,
    where: [],
    projection: [keyItem(node, l), ...valueItems(node, l, r)],
    emit: "CHANGES",
    schema: ctx.schemaOf(node),
  };
  ctx.setFlow(node, { kind: "query", query, origin: node });
}

/** The join as one SELECT over both sources when each side is a source under an alias
 *  (see join-sides.ts) and each join column picks one side's column. Its SELECT list stands
 *  until a following projection replaces it, as ksqlDB's `SELECT ... FROM a JOIN b`. */
function foldedJoin(ctx: KsqlContext, node: JoinNode): Query | undefined {
  if (node.kind === "stream-global-join" || !node.config.columns) return undefined;
  const streamStream = node.kind === "stream-stream-join";
  const l = foldedSide(
    ctx,
    node,
    "left",
    node.kind !== "table-table-join" && node.kind !== "foreign-key-join",
  );
  const r = l && foldedSide(ctx, node, "right", streamStream);
  if (!l || !r) return undefined;
  const sides = new Map([
    [node.config.leftAlias, l],
    [node.config.rightAlias, r],
  ]);
  const joined = new Map<string, string>();
  for (const c of node.config.columns) {
    const [side, column] = c.expr.trim().split(".");
    const expr = sides.get(side)?.columns.get(column);
    if (expr === undefined) return undefined;
    joined.set(c.name, expr);
  }
  const leftKey =
    node.kind === "foreign-key-join" ? overColumns(node.config.foreignKey, l.columns) : l.key;
  const schema = ctx.schemaOf(node);
  const keyName = schema.key[0]?.name;
  if (schema.key.length !== 1) return undefined;
  // A foreign-key join keeps the left table's key; a full outer join has ksqlDB's ROWKEY.
  const key = node.config.joinType === "outer" ? "ROWKEY" : l.key;
  const within = streamStream
    ? ` ${withinClause(node.config.beforeMs, node.config.afterMs, node.config.graceMs)}`
    : "";
  return {
    kind: node.kind === "table-table-join" || node.kind === "foreign-key-join" ? "table" : "stream",
    from: `${l.from}\n    ${JOIN_WORDS[node.config.joinType]} ${r.from}${within} ON ${leftKey} = ${r.key}`,
    where: [],
    projection: rekeyedProjection(
      key,
      keyName,
      [...joined].map(([name, expr]) => ({ name, expr })),
    ),
    joined: joined.set(keyName, key),
    emit: "CHANGES",
    schema,
  };
}

function onClause(ctx: KsqlContext, node: JoinNode, l: Relation, r: Relation): string | undefined {
  const la = ident(node.config.leftAlias);
  const rightKey = `${ident(node.config.rightAlias)}.${ident(r.schema.key[0].name)}`;
  switch (node.kind) {
    case "foreign-key-join": {
      const column = qualified(node.config.leftAlias, node.config.foreignKey);
      if (!column) {
        ctx.unsupported(
          node,
          "unsupported-join-key",
          "a ksqlDB foreign-key join takes a column of the left table, not an expression",
        );
        return undefined;
      }
      return `${column} = ${rightKey}`;
    }
    default:
      return `${la}.${ident(l.schema.key[0].name)} = ${rightKey}`;
  }
}

/** The result key column: the left key, or ksqlDB's synthetic ROWKEY for full outer joins. */
function keyItem(node: JoinNode, l: Relation): string {
  const name = ident(l.schema.key[0].name);
  if (node.config.joinType === "outer") return `ROWKEY AS ${name}`;
  return `${ident(node.config.leftAlias)}.${name} AS ${name}`;
}

function valueItems(node: JoinNode, l: Relation, r: Relation): string[] {
  if (node.config.columns) {
    return node.config.columns.map((c) => alias(sql(c.expr), c.name));
  }
  const side = (alias: string, relation: Relation) =>
    relation.schema.value.map(
      (c) => `${ident(alias)}.${ident(c.name)} AS ${ident(`${alias}_${c.name}`)}`,
    );
  return [...side(node.config.leftAlias, l), ...side(node.config.rightAlias, r)];
}

/** ksqlDB has no GlobalKTable: the stream is re-keyed by the lookup expression into a stream
 *  with the table's partition count, then joined on keys. Results are keyed by the lookup. */
function lookupStream(
  ctx: KsqlContext,
  node: NodeOf<"stream-global-join">,
  l: Relation,
  r: Relation,
): Relation {
  ctx.warn(
    node,
    "approximate-semantics",
    "ksqlDB has no GlobalKTable: the stream is repartitioned by the lookup expression, so results are keyed by it rather than by the stream's key",
  );
  const tableKey = r.schema.key[0]?.name ?? "KEY";
  const keyName = l.schema.value.some((c) => c.name === tableKey) ? `${tableKey}_KEY` : tableKey;
  const key = sql(node.config.key);
  const query = queryOver(l);
  const values = l.schema.value.map((c) => ({ name: c.name, expr: ident(c.name) }));
  query.projection = rekeyedProjection(key, keyName, values);
  query.partitionBy = key;
  query.partitions = ctx.topic(r.topic)?.partitions;
  query.schema = { ...l.schema, key: [{ name: keyName, type: r.schema.key[0]?.type ?? "STRING" }] };
  return ctx.materialize(query, { ...node, label: `${node.label ?? node.id} by key` });
}
