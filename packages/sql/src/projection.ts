// SELECT items to the output schema, ksqlDB's way: items that are the key go to the key
// (renamed by their alias), the rest are value columns in SELECT order, named by alias,
// column name, struct field or KSQL_COL_n; every key must be selected exactly once.
import type { Projection } from "@riffle/topology";
import type { Select, SelectItem } from "./ast";
import type { ExprRef, Ident } from "./cursor";
import { fail, type Position, SqlFailure } from "./errors";
import type { Splice } from "./expr-tokens";
import { type Context, findColumn, resolve } from "./resolve";
import { quoteName, type Row, type RowColumn } from "./row";

/** One key column of the pre-projection row and the expressions that denote it. */
export interface KeySlot {
  column: RowColumn;
  /** Rewritten expression texts that select this key (e.g. `ID`, `ABS(ID)`). */
  texts: string[];
  /** For the missing-key message: `key column ID`, `partitioning expression ABS(ID)`. */
  what: string;
  /** How ksqlDB prints it in messages when not the column name (`ABS(INPUT.ID)`). */
  display?: string;
}

export interface Projected {
  key: RowColumn[];
  columns: (Projection & { type: string })[];
}

export interface ProjectionInput {
  row: Row;
  ctx: Context;
  slots: KeySlot[];
  /** Replaces aggregate calls of an item by their aggregate columns. */
  aggregates?: (ref: ExprRef) => Splice[];
  /** The message when an item names a column the row cannot offer. */
  onUnresolved?: (item: ExprRef) => never;
}

interface Item {
  text: string;
  type: string;
  alias?: Ident;
  /** Name when not aliased: the column or struct field it reads, if any. */
  natural?: string;
  position: Position;
}

export function project(q: Select, input: ProjectionInput, target: string): Projected {
  const items = q.items.flatMap((item) => expand(item, input));
  const taken = new Set(items.map((i) => i.alias?.name ?? i.natural).filter(Boolean) as string[]);
  let generated = 0;
  const nameOf = (item: Item) => {
    if (item.alias) return item.alias.name;
    if (item.natural) return item.natural;
    let name = `KSQL_COL_${generated++}`;
    while (taken.has(name)) name = `KSQL_COL_${generated++}`;
    return name;
  };
  const key: (RowColumn | undefined)[] = input.slots.map(() => undefined);
  const keyAliases: string[][] = input.slots.map(() => []);
  const columns: Projected["columns"] = [];
  for (const item of items) {
    const slot = input.slots.findIndex((s) => s.texts.includes(item.text));
    const name = nameOf(item);
    if (slot >= 0) {
      keyAliases[slot].push(name);
      key[slot] ??= { name, type: input.slots[slot].column.type };
    } else columns.push({ name, expr: item.text, type: item.type });
  }
  keyAliases.forEach((aliases, i) => {
    if (aliases.length > 1) {
      const col = input.slots[i].column.name;
      fail(
        `The projection contains a key column (\`${col}\`) more than once, aliased as: ${aliases.join(" and ")}.`,
        q.position,
      );
    }
  });
  if (key.some((k) => !k))
    throw new MissingKeyFailure(missingKeyMessage(input.slots, target), q.position);
  if (columns.length === 0) fail("The projection contains no value columns.", q.position);
  return { key: key as RowColumn[], columns };
}

/** A projection leaving out a key column (the new query planner makes such a stream keyless). */
export class MissingKeyFailure extends SqlFailure {}

/** ksqlDB names every key column, selected or not, when one is missing. */
function missingKeyMessage(missing: KeySlot[], target: string): string {
  const kind = missing[0].what;
  const names = missing.map((m) => m.display ?? m.column.name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  const plural = names.length > 1 ? `${kind}s` : kind;
  return `The query used to build \`${target}\` must include the ${plural} ${list} in its projection (eg, SELECT ${names.join(", ")}...).`;
}

function expand(item: SelectItem, input: ProjectionInput): Item[] {
  if (item.kind === "star") return expandStar(item.qualifier, item.position, input);
  const extra = input.aggregates?.(item.expr) ?? [];
  let resolved: ReturnType<typeof resolve>;
  try {
    resolved = resolve(item.expr, input.ctx, "SELECT", extra);
  } catch (e) {
    if (input.onUnresolved && extra.length === 0) input.onUnresolved(item.expr);
    throw e;
  }
  const bare = resolved.used.length === 1 && resolved.text === quoteName(resolved.used[0].column);
  const deref = /->\s*`?([^`\s]+)`?\s*$/.exec(item.expr.text);
  return [
    {
      text: resolved.text,
      type: resolved.type,
      alias: item.alias,
      natural: bare
        ? (resolved.used[0].output ?? resolved.used[0].column)
        : deref && !extra.length
          ? deref[1].toUpperCase()
          : undefined,
      position: item.expr.position,
    },
  ];
}

function expandStar(
  qualifier: Ident | undefined,
  position: Position,
  input: ProjectionInput,
): Item[] {
  const columns = input.ctx.columns.filter(
    (c) => c.star && (!qualifier || c.qualifier === qualifier.name),
  );
  if (qualifier && columns.length === 0) {
    findColumn(input.ctx, "*", qualifier.name, "SELECT", qualifier.position);
  }
  return columns.map((c) => ({
    text: quoteName(c.column),
    type: c.type,
    natural: c.column,
    position,
  }));
}
