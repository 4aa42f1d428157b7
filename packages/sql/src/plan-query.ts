// A persistent query's SELECT to nodes: FROM (or joins), WHERE, then GROUP BY or PARTITION BY,
// then the projection as a map-values. Returns the output row for the sink and the catalog.
import type { Select } from "./ast";
import type { Catalog, SourceInfo } from "./catalog";
import type { DocBuilder } from "./doc-builder";
import { fail } from "./errors";
import {
  hasAggregates,
  planAggregate,
  refuseUnsupportedAggregates,
  type Stage,
} from "./plan-aggregate";
import { hasExplode, planExplode } from "./plan-explode";
import { planJoins } from "./plan-join";
import { dropKey, planPartition } from "./plan-partition";
import {
  type KeySlot,
  MissingKeyFailure,
  type Projected,
  type ProjectionInput,
  project,
} from "./projection";
import { resolve, rowContext } from "./resolve";
import { quoteName, type Row } from "./row";

export interface QueryResult extends Stage {
  /** The leftmost source: formats and partitions default from it. */
  source: SourceInfo;
  /** The PARTITION BY null case: the output has no key columns. */
  keyless: boolean;
}

export function planQuery(
  q: Select,
  target: string,
  catalog: Catalog,
  doc: DocBuilder,
): QueryResult {
  let stage: Stage;
  let slots: KeySlot[];
  let source: SourceInfo;
  if (q.joins.length > 0) {
    const joined = planJoins(q, target, catalog, doc);
    ({ stage, slots } = joined);
    source = joined.sources[0];
  } else {
    source = catalog.get(q.from.name);
    const row = source.row;
    stage = { out: source.output, row, ctx: rowContext(row, q.from.alias?.name ?? source.name) };
    slots = row.key.map((column) => ({
      column,
      texts: [quoteName(column.name)],
      what: "key column",
    }));
  }
  if (q.where) {
    const where = resolve(q.where, stage.ctx, "WHERE");
    if (where.type !== "BOOLEAN") {
      fail(
        `Type error in WHERE expression: Should evaluate to boolean but is ${q.where.text} (${where.type}) instead.`,
        q.where.position,
      );
    }
    stage = {
      ...stage,
      out: doc.add(target, "filter", { predicate: where.text }, { in: stage.out }),
    };
  }
  if (q.emit === "final" && !q.window) {
    fail("EMIT FINAL is only supported for windowed aggregations.", q.position);
  }
  let extra: Omit<ProjectionInput, "row" | "ctx" | "slots"> = {};
  let keyless = false;
  refuseUnsupportedAggregates(q);
  if (hasExplode(q)) {
    if (q.groupBy || hasAggregates(q) || q.window || q.partitionBy) {
      fail("Riffle supports EXPLODE only without GROUP BY, WINDOW and PARTITION BY.", q.position);
    }
    ({ q, stage } = planExplode(q, target, stage, doc));
  }
  if (q.groupBy || hasAggregates(q) || q.window) {
    const planned = planAggregate(q, target, stage, doc);
    stage = planned.stage;
    ({ slots, ...extra } = planned.projection);
  } else if (q.partitionBy) {
    const planned = planPartition(q, target, stage, source.name, doc);
    ({ stage, slots } = planned);
    keyless = slots.length === 0;
  }
  let projected: Projected;
  try {
    projected = project(q, { row: stage.row, ctx: stage.ctx, slots, ...extra }, target);
  } catch (e) {
    /* ksqlDB's new query planner: a stream projection without the key writes keyless records. */
    const keylessStream =
      doc.keylessProjections && stage.row.kind === "stream" && !extra.aggregates;
    if (!(e instanceof MissingKeyFailure && keylessStream)) throw e;
    ({ stage, slots } = dropKey(target, stage, doc, source.name));
    keyless = true;
    projected = project(q, { row: stage.row, ctx: stage.ctx, slots }, target);
  }
  const columns = projected.columns.map(({ name, expr }) => ({ name, expr }));
  const identity =
    columns.length === stage.row.value.length &&
    columns.every((c, i) => c.name === stage.row.value[i].name && c.expr === quoteName(c.name));
  const out = identity ? stage.out : doc.add(target, "map-values", { columns }, { in: stage.out });
  const row: Row = {
    kind: stage.row.kind,
    key: projected.key,
    value: projected.columns.map(({ name, type }) => ({ name, type })),
    valueUnwrapped: false,
    ...(stage.row.windowed ? { windowed: stage.row.windowed } : {}),
  };
  return { out, row, ctx: rowContext(row), source, keyless };
}
