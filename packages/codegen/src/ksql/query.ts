// A SELECT being assembled from a chain of nodes, and named relations (streams and tables)
// that queries read from. Nodes fold into one query while ksqlDB's clause order allows.
import type { RowSchema } from "@riffle/topology";

export type RelationKind = "stream" | "table";

export interface Relation {
  name: string;
  kind: RelationKind;
  topic: string;
  schema: RowSchema;
}

export interface Query {
  kind: RelationKind;
  /** FROM text, joins included. */
  from: string;
  window?: string;
  where: string[];
  groupBy?: string[];
  /** SELECT items naming the grouping key, placed before the aggregates. */
  groupKeys?: string[];
  /** While the aggregate's own SELECT list stands: its output columns and their calls, so a
   *  following filter becomes HAVING and a projection selects over the calls. */
  aggregates?: ReadonlyMap<string, string>;
  having?: string[];
  /** While a join's own SELECT list stands: each join output column as an expression over
   *  the joined sources (`O_ID` -> `O.ID`), so a following filter and projection fold in. */
  joined?: ReadonlyMap<string, string>;
  /** Key expressions heading a SELECT list over a join, so a sink names those key columns as
   *  its topic does (ksqlDB names `O.ID` in a join `O_ID` when both sides have an ID). */
  joinKeys?: string[];
  /** A plain SELECT list over FROM (nothing else set): each value column's expression, so a
   *  following PARTITION BY can be written over FROM's columns in the same query. */
  projected?: ReadonlyMap<string, string>;
  /** Full SELECT list; undefined means `*`. */
  projection?: string[];
  partitionBy?: string;
  /** PARTITIONS of the relation this query creates (Repartitioned.numberOfPartitions). */
  partitions?: number;
  /** The key expression of a select-key still pending in this query (PARTITION BY). */
  rekey?: { expr: string; keyName: string };
  emit: "CHANGES" | "FINAL";
  schema: RowSchema;
}

export function queryOver(relation: Relation): Query {
  return {
    kind: relation.kind,
    from: relation.name,
    where: [],
    emit: "CHANGES",
    schema: relation.schema,
  };
}

/** True while no clause after WHERE is set: filters and a new SELECT list still fit. */
export function isOpen(query: Query): boolean {
  return !query.projection && !query.groupBy && !query.partitionBy && !query.window;
}

export function renderSelect(query: Query): string {
  const clauses = [
    `SELECT ${query.projection?.join(",\n    ") ?? "*"}`,
    `FROM ${query.from}`,
    query.window,
    query.where.length > 0 ? `WHERE ${conjunction(query.where)}` : undefined,
    query.groupBy ? `GROUP BY ${query.groupBy.join(", ")}` : undefined,
    query.having?.length ? `HAVING ${conjunction(query.having)}` : undefined,
    query.partitionBy ? `PARTITION BY ${query.partitionBy}` : undefined,
    `EMIT ${query.emit}`,
  ];
  return clauses
    .filter((c): c is string => c !== undefined)
    .map((c) => `  ${c}`)
    .join("\n");
}

// Several conditions are parenthesised unless already one term (NOT COALESCE(...)).
function conjunction(conditions: string[]): string {
  if (conditions.length === 1) return conditions[0];
  const term = (c: string) => (c.startsWith("NOT COALESCE(") ? c : `(${c})`);
  return conditions.map(term).join("\n    AND ");
}
