// FROM ... JOIN ...: each side's columns are copied into its value under ksqlDB's join names
// (`L_ID`, `L_ROWTIME`), a stream side joining on a non-key expression is re-keyed, and the
// join node kind follows the sides (stream-stream with WITHIN, stream-table, table-table,
// foreign-key). ksqlDB's join rules and messages are enforced here.
import type { JoinClause, JoinKind, Relation, Select } from "./ast";
import type { Catalog, SourceInfo } from "./catalog";
import type { ExprRef } from "./cursor";
import type { DocBuilder, Out } from "./doc-builder";
import { fail } from "./errors";
import { subExpression } from "./expr-tokens";
import type { Stage } from "./plan-aggregate";
import type { KeySlot } from "./projection";
import { unsupported } from "./properties";
import { type Context, type Resolvable, type Resolved, resolve } from "./resolve";
import { quoteName, type Row, scopeOf } from "./row";

interface Side extends Stage {
  sources: SourceInfo[];
  /** Names for messages: the source name, or `L` of `FROM left_table L`. */
  label: string;
}

const JOIN_WORDS: Record<JoinKind, string> = {
  INNER: "[INNER] JOIN",
  LEFT: "LEFT [OUTER] JOIN",
  RIGHT: "RIGHT [OUTER] JOIN",
  FULL: "[FULL] OUTER JOIN",
};

export function planJoins(
  q: Select,
  target: string,
  catalog: Catalog,
  doc: DocBuilder,
): { stage: Stage; slots: KeySlot[]; sources: SourceInfo[] } {
  /* A RIGHT JOIN runs as a left join with the sides swapped: its right source is planned
     first, as for that left join, so both spellings give one document. */
  const swapped = q.joins[0]?.kind === "RIGHT" ? q.joins[0] : undefined;
  const swappedSide = swapped && sideOf(swapped.relation, target, catalog, doc);
  let left = sideOf(q.from, target, catalog, doc);
  let slots: KeySlot[] = [];
  for (const join of q.joins) {
    const right =
      join === swapped && swappedSide ? swappedSide : sideOf(join.relation, target, catalog, doc);
    const joined = joinTwo(join, left, right, target, doc);
    left = joined.side;
    slots = joined.slots;
  }
  return { stage: left, slots, sources: left.sources };
}

/** A source prepared for joining: key, pseudo and value columns under `<alias>_<name>`. */
function sideOf(rel: Relation, target: string, catalog: Catalog, doc: DocBuilder): Side {
  const source = catalog.get(rel.name);
  const alias = rel.alias?.name ?? source.name;
  const pseudo = source.row.kind === "stream" ? ["ROWTIME", "ROWPARTITION", "ROWOFFSET"] : [];
  const pseudoTypes: Record<string, string> = {
    ROWTIME: "BIGINT",
    ROWPARTITION: "INT",
    ROWOFFSET: "BIGINT",
  };
  const columns = [
    ...source.row.key,
    ...pseudo.map((name) => ({ name, type: pseudoTypes[name] })),
    ...source.row.value,
  ];
  const prefixed = (name: string) => `${alias}_${name}`;
  const out = doc.add(
    target,
    "map-values",
    { columns: columns.map((c) => ({ name: prefixed(c.name), expr: quoteName(c.name) })) },
    { in: source.output },
  );
  const row: Row = {
    kind: source.row.kind,
    key: source.row.key,
    value: columns.map((c) => ({ name: prefixed(c.name), type: c.type })),
    valueUnwrapped: false,
  };
  const ctxColumns: Resolvable[] = columns.map((c) => ({
    name: c.name,
    qualifier: alias,
    type: c.type,
    column: prefixed(c.name),
    star: true,
  }));
  return {
    out,
    row,
    ctx: { columns: ctxColumns, scope: scopeOf(row) },
    sources: [source],
    label: alias,
  };
}

/** `(a = b)` -> `a = b`: ksqlDB accepts a parenthesised join condition. */
function unwrapped(ref: ExprRef): ExprRef {
  const { tokens } = ref;
  if (tokens[0]?.image !== "(" || tokens.at(-1)?.image !== ")") return ref;
  let depth = 0;
  const closes = tokens.findIndex((t) => {
    if (t.image === "(") depth++;
    if (t.image === ")") depth--;
    return depth === 0;
  });
  return closes === tokens.length - 1 ? unwrapped(subExpression(ref, 1, closes)) : ref;
}

/** Splits `a = b` at its top-level equals sign. */
function equalitySides(condition: ExprRef): [ExprRef, ExprRef] {
  const on = unwrapped(condition);
  let depth = 0;
  const at = on.tokens.findIndex((t) => {
    if (t.image === "(") depth++;
    if (t.image === ")") depth--;
    return depth === 0 && t.image === "=";
  });
  const words = on.tokens.map((t) => t.image.toUpperCase());
  if (at < 0 || words.includes("AND") || words.includes("OR")) {
    unsupported("Join conditions must be a single equality (a = b)", on.position);
  }
  return [subExpression(on, 0, at), subExpression(on, at + 1, on.tokens.length)];
}

function tryResolve(ref: ExprRef, ctx: Context): Resolved | undefined {
  try {
    return resolve(ref, ctx, "JOIN ON");
  } catch {
    return undefined;
  }
}

function display(r: Resolved, ref: ExprRef): string {
  return r.used.length === 1 && r.text === quoteName(r.used[0].column)
    ? `${r.used[0].qualifier}.${r.used[0].name}`
    : ref.text;
}

function joinTwo(join: JoinClause, left: Side, right: Side, target: string, doc: DocBuilder) {
  const kinds = `${left.row.kind}-${right.row.kind}`;
  const got = `${left.label} ${JOIN_WORDS[join.kind]} ${right.label}`;
  if (kinds === "table-stream") {
    fail(
      `Invalid join order: table-stream joins are not supported; only stream-table joins. Got ${got}.`,
      join.position,
    );
  }
  if (kinds === "stream-table" && join.kind === "FULL") {
    fail(
      `Invalid join type: full-outer join not supported for stream-table join. Got ${got}.`,
      join.position,
    );
  }
  if (kinds === "stream-table" && join.kind === "RIGHT") {
    fail(
      `Invalid join type: right join not supported for stream-table join. Got ${got}.`,
      join.position,
    );
  }
  if (kinds === "stream-stream" && !join.within) {
    fail(
      "Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn about how to specify a WITHIN clause with a stream-stream join, please visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select",
      join.position,
    );
  }
  if (kinds !== "stream-stream" && join.within) {
    fail(
      `A window definition was provided for a ${kinds} join. Windows are only supported for stream-stream joins.`,
      join.position,
    );
  }
  const { l, r, shown } = matchSides(join, left, right);
  const isKey = (side: Side, res: Resolved) =>
    side.sources.length === 1 &&
    res.used.length === 1 &&
    res.text === quoteName(res.used[0].column) &&
    side.row.key.length === 1 &&
    res.used[0].column === `${side.label}_${side.row.key[0].name}`;
  const rightIsKey = isKey(right, r);
  if (kinds === "stream-table" && !rightIsKey) {
    fail(
      `Invalid join condition: stream-table joins require to join on the table's primary key. Got ${shown}.`,
      join.on.position,
    );
  }
  if (kinds === "table-table" && !rightIsKey) {
    fail(
      `Invalid join condition: table-table joins require to join on the primary key of the right input table. Got ${shown}.`,
      join.on.position,
    );
  }
  const foreignKey = kinds === "table-table" && !isKey(left, l);
  if (!foreignKey) checkPartitions(left, right, join);
  const leftIn = kinds.startsWith("stream") && !isKey(left, l) ? rekey(left, l, target, doc) : left;
  const rightIn = kinds === "stream-stream" && !rightIsKey ? rekey(right, r, target, doc) : right;
  const [first, second] = join.kind === "RIGHT" ? [rightIn, leftIn] : [leftIn, rightIn];
  const columns = [
    ...first.row.value.map((c) => ({ name: c.name, expr: `L.${quoteName(c.name)}` })),
    ...second.row.value.map((c) => ({ name: c.name, expr: `R.${quoteName(c.name)}` })),
  ];
  const joinType = join.kind === "FULL" ? "outer" : join.kind === "INNER" ? "inner" : "left";
  const common = { leftAlias: "L", rightAlias: "R", columns };
  const inputs = { left: first.out, right: second.out };
  let out: Out;
  if (kinds === "stream-stream") {
    const { beforeMs, afterMs, graceMs } = join.within!;
    const [before, after] = join.kind === "RIGHT" ? [afterMs, beforeMs] : [beforeMs, afterMs];
    out = doc.add(
      target,
      "stream-stream-join",
      {
        joinType,
        beforeMs: before,
        afterMs: after,
        ...(graceMs !== undefined ? { graceMs } : {}),
        ...common,
      },
      inputs,
    );
  } else if (kinds === "stream-table") {
    out = doc.add(
      target,
      "stream-table-join",
      { joinType: joinType === "inner" ? "inner" : "left", ...common },
      inputs,
    );
  } else if (foreignKey) {
    if (join.kind !== "INNER" && join.kind !== "LEFT") {
      fail(
        `Invalid join type: ${join.kind.toLowerCase()} join not supported for foreign key joins. Got ${got}.`,
        join.position,
      );
    }
    out = doc.add(
      target,
      "foreign-key-join",
      { joinType: joinType === "inner" ? "inner" : "left", foreignKey: l.text, ...common },
      inputs,
    );
  } else {
    out = doc.add(target, "table-table-join", { joinType, ...common }, inputs);
  }
  const row: Row = {
    kind: kinds === "table-table" ? "table" : "stream",
    key: foreignKey ? left.row.key : first.row.key,
    value: columns.map((c) => ({
      name: c.name,
      type: [...leftIn.row.value, ...rightIn.row.value].find((v) => v.name === c.name)!.type,
    })),
    valueUnwrapped: false,
  };
  const ctx: Context = {
    columns: outputNames([...left.ctx.columns, ...right.ctx.columns]),
    scope: scopeOf(row),
  };
  const slots = joinKeySlots(
    join,
    row,
    ctx,
    foreignKey
      ? `${left.label}_${left.row.key[0]?.name}`
      : (join.kind === "RIGHT" ? r : l).used[0]?.column,
  );
  const side: Side = {
    out,
    row,
    ctx,
    sources: [...left.sources, ...right.sources],
    label: left.label,
  };
  return { side, slots };
}

/** ksqlDB refuses joins of sources with different partition counts. */
function checkPartitions(left: Side, right: Side, join: JoinClause): void {
  const [l, r] = [left.sources[0], right.sources[0]];
  if (l.partitions !== r.partitions) {
    fail(
      `Can't join \`${l.name}\` with \`${r.name}\` since the number of partitions don't match. \`${l.name}\` partitions = ${l.partitions}; \`${r.name}\` partitions = ${r.partitions}. Please repartition either one so that the number of partitions match.`,
      join.position,
    );
  }
}

/** Re-keys a stream side by its join expression (a repartition before the join). */
function rekey(side: Side, by: Resolved, target: string, doc: DocBuilder): Side {
  const bare = by.used.length === 1 && by.text === quoteName(by.used[0].column);
  const keyName = bare ? by.used[0].name : "KSQL_COL_0";
  const out = doc.add(target, "select-key", { key: by.text, keyName }, { in: side.out });
  return { ...side, out, row: { ...side.row, key: [{ name: keyName, type: by.type }] } };
}

/** The join result's key: the left join column (`L_ID`), or for a full outer join, where
 *  neither side's key survives, ksqlDB's synthetic ROWKEY. */
function joinKeySlots(
  join: JoinClause,
  row: Row,
  ctx: Context,
  keyColumn: string | undefined,
): KeySlot[] {
  if (!keyColumn || row.key.length !== 1) return [];
  const rowKey = row.key[0];
  if (join.kind !== "FULL") {
    return [
      {
        column: { name: keyColumn, type: rowKey.type },
        texts: [quoteName(keyColumn)],
        what: "key column",
      },
    ];
  }
  ctx.columns.unshift({
    name: "ROWKEY",
    type: rowKey.type,
    column: rowKey.name,
    star: true,
    output: "ROWKEY",
  });
  return [
    {
      column: { name: "ROWKEY", type: rowKey.type },
      texts: [quoteName(rowKey.name)],
      what: "key column",
    },
  ];
}

/** ksqlDB names a selected join column after itself when no other source has a column of
 *  that name, else `<alias>_<column>` (SELECT * always uses the prefixed names). */
function outputNames(columns: Resolvable[]): Resolvable[] {
  const count = new Map<string, number>();
  for (const c of columns) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  return columns.map((c) =>
    count.get(c.name) === 1 ? { ...c, output: c.name } : { ...c, output: undefined },
  );
}

/** Resolves each side of `ON a = b` against the source it names (either order) and prints
 *  the condition as ksqlDB does in messages (`L.ID = R.F2`). */
function matchSides(
  join: JoinClause,
  left: Side,
  right: Side,
): { l: Resolved; r: Resolved; shown: string } {
  const [a, b] = equalitySides(join.on);
  const straight = { l: tryResolve(a, left.ctx), r: tryResolve(b, right.ctx) };
  if (straight.l && straight.r) {
    return {
      l: straight.l,
      r: straight.r,
      shown: `${display(straight.l, a)} = ${display(straight.r, b)}`,
    };
  }
  const swapped = { l: tryResolve(b, left.ctx), r: tryResolve(a, right.ctx) };
  if (swapped.l && swapped.r) {
    return {
      l: swapped.l,
      r: swapped.r,
      shown: `${display(swapped.r, a)} = ${display(swapped.l, b)}`,
    };
  }
  const all = { columns: [...left.ctx.columns, ...right.ctx.columns], scope: left.ctx.scope };
  resolve(a, all, "JOIN ON");
  resolve(b, all, "JOIN ON");
  fail(
    `Invalid comparison expression '${join.on.text}' in join. Each side of the join comparision must contain references from exactly one source.`,
    join.on.position,
  );
}
