// An imported join reads each source through a projection copying its columns under
// `<alias>_<column>` (and, joining on a non-key, a select-key): ksqlDB's own FROM ... JOIN
// does that copying, so such sides print as `ORDERS O` and the join folds into one SELECT.
import type { Node } from "../graph";
import type { KsqlContext } from "./context";
import { overColumns, sql } from "./expressions";
import type { Relation } from "./query";
import { ident } from "./syntax";

const PSEUDO = ["ROWTIME", "ROWPARTITION", "ROWOFFSET"];

export interface FoldedSide {
  /** `ORDERS O` */
  from: string;
  /** The side's columns as seen through the join (`O_ID`) -> `O.ID`. */
  columns: Map<string, string>;
  /** The join key over the source: `O.ID`, or the select-key expression (`O.CUSTOMER`). */
  key: string;
}

/** The side feeding `port` of `join` as sources under aliases, or undefined when it is
 *  anything else (then the caller materializes it as a relation of its own). */
export function foldedSide(
  ctx: KsqlContext,
  join: Node,
  port: string,
  rekeyable: boolean,
): FoldedSide | undefined {
  const upstream = ctx.graph.input(join, port).node;
  const rekey = upstream.kind === "select-key" ? upstream : undefined;
  if (rekey && !rekeyable) return undefined;
  const inner = rekey ? ctx.graph.input(rekey, "in").node : upstream;
  if (!pending(ctx, inner) || (rekey && !pending(ctx, rekey))) return undefined;
  // ksqlDB chains joins on the left: `FROM a JOIN b ... JOIN c`, never `c JOIN (a JOIN b)`.
  const side = copiedSource(ctx, inner) ?? (port === "left" ? earlierJoin(ctx, inner) : undefined);
  if (!side || !rekey) return side;
  // The importer names the key after a bare column, else ksqlDB's KSQL_COL_0.
  const key = overColumns(rekey.config.key, side.columns);
  const bare = [...side.columns.values()].includes(key) ? columnOf(key) : undefined;
  if (rekey.config.keyName !== (bare ?? "KSQL_COL_0")) return undefined;
  return { ...side, key };
}

/** A map-values copying a source's columns under `<alias>_<column>`: `ORDERS O`. */
function copiedSource(ctx: KsqlContext, copy: Node): FoldedSide | undefined {
  if (copy.kind !== "map-values") return undefined;
  const source = ctx.flowIn(copy);
  if (source.kind !== "relation" || source.changelog) return undefined;
  const prefix = aliasOf(source.relation, copy.config.columns);
  const sourceKey = source.relation.schema.key;
  if (prefix === undefined || sourceKey.length !== 1) return undefined;
  const columns = new Map(
    copy.config.columns.map((c) => [c.name, `${ident(prefix)}.${sql(c.expr)}`]),
  );
  return {
    from: `${source.relation.name} ${ident(prefix)}`,
    columns,
    key: columns.get(`${prefix}_${sourceKey[0].name}`)!,
  };
}

/** A join folded already and nothing after it: a multi-way join's left side. */
function earlierJoin(ctx: KsqlContext, node: Node): FoldedSide | undefined {
  const flow = ctx.flowOut(node);
  if (flow?.kind !== "query" || flow.changelog || !flow.query.joined) return undefined;
  const { from, joined, where, schema } = flow.query;
  const key = joined.get(schema.key[0]?.name ?? "");
  if (where.length > 0 || key === undefined || key === "ROWKEY") return undefined;
  return { from, columns: new Map(joined), key };
}

/** `O.CUSTOMER` -> `CUSTOMER`. */
function columnOf(qualified: string): string {
  return unquoted(qualified.slice(qualified.indexOf(".") + 1));
}

/** A node whose output is still a query: read by the join alone, so not yet materialized. */
function pending(ctx: KsqlContext, node: Node): boolean {
  return ctx.flowOut(node)?.kind === "query";
}

/** The alias when `columns` copy exactly the relation's key, pseudo and value columns, in
 *  that order, under `<alias>_<column>`, as ksqlDB's join does. */
function aliasOf(
  relation: Relation,
  columns: { name: string; expr: string }[],
): string | undefined {
  const { key, value } = relation.schema;
  const pseudo = relation.kind === "stream" ? PSEUDO : [];
  const expected = [...key.map((c) => c.name), ...pseudo, ...value.map((c) => c.name)];
  const first = expected[0];
  if (first === undefined || columns.length !== expected.length) return undefined;
  const name = columns[0].name;
  if (!name.endsWith(`_${first}`)) return undefined;
  const prefix = name.slice(0, name.length - first.length - 1);
  const matches = columns.every(
    (c, i) => c.name === `${prefix}_${expected[i]}` && unquoted(c.expr) === expected[i],
  );
  return matches && /^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix) ? prefix : undefined;
}

function unquoted(expr: string): string {
  const text = expr.trim();
  return text.startsWith("`") ? text.slice(1, -1).replaceAll("``", "`") : text;
}
