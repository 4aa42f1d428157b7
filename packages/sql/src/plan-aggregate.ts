// GROUP BY queries: group (by key, or re-key with a repartition), optional window, one
// aggregate node holding every aggregate call of SELECT and HAVING, EMIT FINAL as onWindowClose (a suppress on sessions),
// HAVING as a table filter. Returns the aggregated row and the key slot for the projection.
import type { AggregateFunction, Aggregation } from "@riffle/topology";
import type { Select } from "./ast";
import type { ExprRef } from "./cursor";
import type { DocBuilder, Out } from "./doc-builder";
import { fail } from "./errors";
import { aggregateCalls, type Splice, subExpression } from "./expr-tokens";
import type { KeySlot, ProjectionInput } from "./projection";
import { unsupported } from "./properties";
import { type Context, resolve, rowContext } from "./resolve";
import { quoteName, type Row } from "./row";

const DEFAULT_GRACE_MS = 86_400_000;

export interface Stage {
  out: Out;
  row: Row;
  ctx: Context;
}

interface PlannedAggregate extends Aggregation {
  type: string;
  call: string;
}

/** ksqlDB aggregate functions Riffle's aggregate node does not offer. */
const UNSUPPORTED_AGGREGATES = new Set([
  "HISTOGRAM",
  "STDDEV_SAMP",
  "STDDEV_SAMPLE",
  "CORRELATION",
  "ATTR",
  "VAR_SAMP",
]);

/** Refuses, as unsupported, a query calling a ksqlDB aggregate Riffle lacks. */
export function refuseUnsupportedAggregates(q: Select): void {
  for (const item of q.items) {
    if (item.kind !== "expr") continue;
    const tokens = item.expr.tokens;
    tokens.forEach((t, i) => {
      const name = t.image.toUpperCase();
      if (UNSUPPORTED_AGGREGATES.has(name) && tokens[i + 1]?.image === "(") {
        unsupported(`The aggregate function ${name} is not supported`, item.expr.locate(t));
      }
    });
  }
}

/** True when SELECT or HAVING calls an aggregate function. */
export function hasAggregates(q: Select): boolean {
  const refs = [
    ...q.items.flatMap((i) => (i.kind === "expr" ? [i.expr] : [])),
    ...(q.having ? [q.having] : []),
  ];
  return refs.some((r) => aggregateCalls(r).length > 0);
}

export function planAggregate(
  q: Select,
  target: string,
  input: Stage,
  doc: DocBuilder,
): { stage: Stage; projection: Omit<ProjectionInput, "row" | "ctx"> } {
  const groupBy = q.groupBy ?? [];
  if (groupBy.length === 0) {
    const plain = q.items.find((i) => i.kind === "expr" && aggregateCalls(i.expr).length === 0);
    const what = plain?.kind === "expr" ? `: ${plain.expr.text}` : "";
    fail(`Non-aggregate SELECT expression(s) not part of GROUP BY${what}`, q.position);
  }
  if (!hasAggregates(q)) {
    fail(
      "GROUP BY requires aggregate functions in either the SELECT or HAVING clause.",
      q.position,
    );
  }
  if (groupBy.length > 1) {
    unsupported(
      "GROUP BY several expressions (a multi-column key) is not supported",
      groupBy[1].position,
    );
  }
  const group = resolve(groupBy[0], input.ctx, "GROUP BY");
  const aggregates = new Map<string, PlannedAggregate>();
  const splicesOf = (ref: ExprRef, alias?: string): Splice[] =>
    aggregateCalls(ref).map((call) => {
      const whole = call.start === 0 && call.end === ref.tokens.length;
      const planned = planCall(ref, call, input.ctx, aggregates, whole ? alias : undefined);
      return { start: call.start, end: call.end, text: planned.name };
    });
  /* An item that is just `AGG(...) AS name` names its aggregate column, so the projection
     after the aggregate is often the identity and needs no node. */
  for (const item of q.items) {
    if (item.kind === "expr") splicesOf(item.expr, item.alias?.name);
  }
  if (q.having) splicesOf(q.having);

  const bare = group.used.length === 1 && group.text === quoteName(group.used[0].column);
  /* A join column is named as ksqlDB selects it: `REGION`, or `C_REGION` when ambiguous. */
  const grouped = bare ? group.used[0] : undefined;
  const ksqlKey = keyNameOf(q, input, group.text, grouped && (grouped.output ?? grouped.column));
  let out = input.out;
  const byKey =
    input.row.kind === "stream" &&
    input.row.key.length === 1 &&
    bare &&
    input.row.key[0].name === group.used[0].column;
  /* The aggregate's scope holds key and value: a key named like a value column would be
     ambiguous there, so it gets an internal name and keeps the ksqlDB name for SELECT. */
  const clash = !byKey && input.row.value.some((c) => c.name === ksqlKey);
  const keyName = clash ? `${ksqlKey}_GROUP_KEY` : ksqlKey;
  out = byKey
    ? doc.add(target, "group-by-key", {}, { in: out })
    : doc.add(target, "group-by", { key: group.text, keyName }, { in: out });
  if (q.window) {
    const { position: _p, retentionMs: _r, ...window } = q.window;
    /* ksqlDB: without GRACE PERIOD, EMIT FINAL closes windows at their end, while EMIT
       CHANGES keeps accepting late records for 24 hours (Kafka Streams' legacy default). */
    window.graceMs ??= q.emit === "final" ? 0 : DEFAULT_GRACE_MS;
    /* EMIT FINAL is Kafka's EmitStrategy.onWindowClose on time windows (ksqlDB 0.28+), which
       emits only windows still in the store when they close; sessions keep a suppress. */
    const onClose = q.emit === "final" && window.type !== "session";
    const config = onClose ? { window, emitStrategy: "on-window-close" as const } : { window };
    out = doc.add(target, "windowed-by", config, { in: out });
  }
  const list = [...aggregates.values()];
  out = doc.add(
    target,
    "aggregate",
    { aggregations: list.map(({ name, fn, args }) => ({ name, fn, args })) },
    { in: out },
  );
  if (q.emit === "final" && q.window?.type === "session")
    out = doc.add(target, "suppress", { until: "window-close" }, { in: out });
  const row: Row = {
    kind: "table",
    key: [{ name: keyName, type: group.type }],
    value: list.map((a) => ({ name: a.name, type: a.type })),
    valueUnwrapped: false,
    ...(q.window ? { windowed: q.window.type === "session" ? "session" : "time" } : {}),
  };
  const ctx = rowContext(row);
  /* The key still answers to the grouped column's own name and qualifier (`T1.ID`). */
  ctx.columns = ctx.columns.map((c) =>
    c.column === keyName
      ? { ...c, name: grouped?.name ?? ksqlKey, qualifier: grouped?.qualifier, output: ksqlKey }
      : c,
  );
  const keyText = quoteName(keyName);
  /* An item equal to the GROUP BY expression reads the key. */
  const keyOrAggregates = (ref: ExprRef): Splice[] => {
    if (bare) return splicesOf(ref);
    try {
      if (resolve(ref, input.ctx, "SELECT").text === group.text) {
        return [{ start: 0, end: ref.tokens.length, text: keyText }];
      }
    } catch {
      /* not the grouping expression */
    }
    return splicesOf(ref);
  };
  if (q.having) {
    const having = resolve(q.having, ctx, "HAVING", keyOrAggregates(q.having));
    out = doc.add(target, "filter", { predicate: having.text }, { in: out });
  }
  const slot: KeySlot = { column: row.key[0], texts: [keyText], what: "grouping expression" };
  return {
    stage: { out, row, ctx },
    projection: {
      slots: [slot],
      aggregates: keyOrAggregates,
      onUnresolved: (item) =>
        fail(
          `Non-aggregate SELECT expression(s) not part of GROUP BY: ${item.text}`,
          item.position,
        ),
    },
  };
}

/** ksqlDB names the key after the grouped column, else the alias of the item selecting it. */
function keyNameOf(q: Select, input: Stage, groupText: string, column: string | undefined): string {
  if (column) return column;
  for (const item of q.items) {
    if (item.kind !== "expr" || !item.alias) continue;
    try {
      if (resolve(item.expr, input.ctx, "SELECT").text === groupText) return item.alias.name;
    } catch {
      /* aggregate items do not resolve on the input */
    }
  }
  return "KSQL_COL_0";
}

const RESULT_TYPE: Partial<Record<AggregateFunction, (arg: string) => string>> = {
  COUNT: () => "BIGINT",
  COUNT_DISTINCT: () => "BIGINT",
  AVG: () => "DOUBLE",
  COLLECT_LIST: (t) => `ARRAY<${t}>`,
  COLLECT_SET: (t) => `ARRAY<${t}>`,
  TOPK: (t) => `ARRAY<${t}>`,
  TOPKDISTINCT: (t) => `ARRAY<${t}>`,
  SUM_LIST: (t) => t.replace(/^ARRAY<(.*)>$/, "$1"),
};

/** Argument types ksqlDB's numeric aggregates accept. */
const NUMERIC_ARGS: Partial<Record<AggregateFunction, RegExp>> = {
  SUM: /^(INT|BIGINT|DOUBLE|DECIMAL)/,
  AVG: /^(INT|BIGINT|DOUBLE|DECIMAL)/,
  SUM_LIST: /^ARRAY<(INT|BIGINT|DOUBLE|DECIMAL)/,
};

function planCall(
  ref: ExprRef,
  call: ReturnType<typeof aggregateCalls>[number],
  ctx: Context,
  aggregates: Map<string, PlannedAggregate>,
  alias?: string,
): PlannedAggregate {
  const fn = call.fn as AggregateFunction;
  const args = call.args.map((a) => resolve(subExpression(ref, a.start, a.end), ctx, "SELECT"));
  const signature = `${fn}(${args.map((a) => a.text).join(", ")})`;
  const known = aggregates.get(signature);
  if (known) return known;
  if (fn !== "COUNT" && args.length === 0)
    fail(`Function '${fn}' needs an argument`, ref.locate(ref.tokens[call.start]));
  const argType = args[0]?.type ?? "BIGINT";
  const byOffsetArray =
    (fn === "EARLIEST_BY_OFFSET" || fn === "LATEST_BY_OFFSET") && args.length > 1;
  const type = byOffsetArray ? `ARRAY<${argType}>` : (RESULT_TYPE[fn]?.(argType) ?? argType);
  if (NUMERIC_ARGS[fn] && !NUMERIC_ARGS[fn].test(argType)) {
    fail(
      `Function '${fn}' does not accept parameters (${argType}).`,
      ref.locate(ref.tokens[call.start]),
    );
  }
  const planned: PlannedAggregate = {
    name:
      alias &&
      ![...aggregates.values()].some((a) => a.name === alias) &&
      !ctx.columns.some((c) => c.name === alias)
        ? alias
        : `KSQL_AGG_VARIABLE_${aggregates.size}`,
    fn,
    args: args.map((a) => a.text),
    type,
    call: signature,
  };
  aggregates.set(signature, planned);
  return planned;
}
