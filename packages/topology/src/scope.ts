// Expression scopes built from row schemas, following the frames convention the engine
// fills at run time: key, value, meta; left/right for joins; agg for reducers; item for
// flat-map elements. Validation type-checks with exactly these scopes.
import type { Scope, ScopeColumn, SqlType } from "@riffle/expr";
import type { Column } from "./document";
import { type RowSchema, sqlType } from "./row-schema";

const BIGINT: SqlType = { kind: "BIGINT" };
const INT: SqlType = { kind: "INT" };

/** Pseudo columns of every record: ROWTIME etc., and WINDOWSTART/WINDOWEND when windowed. */
export function metaColumns(windowed: boolean): ScopeColumn[] {
  const cols: ScopeColumn[] = [
    { name: "ROWTIME", type: BIGINT, frame: "meta", field: "timestamp" },
    { name: "ROWPARTITION", type: INT, frame: "meta", field: "partition" },
    { name: "ROWOFFSET", type: BIGINT, frame: "meta", field: "offset" },
  ];
  if (windowed) {
    cols.push(
      { name: "WINDOWSTART", type: BIGINT, frame: "meta", field: "windowStart" },
      { name: "WINDOWEND", type: BIGINT, frame: "meta", field: "windowEnd" },
    );
  }
  return cols;
}

/** Columns of one frame; a single unwrapped column is the frame itself (no field). */
export function frameColumns(
  columns: readonly Column[],
  frame: string,
  unwrapped: boolean,
  qualifier?: string,
): ScopeColumn[] {
  return columns.map((c) => {
    const col: ScopeColumn = { name: c.name, type: sqlType(c.type) ?? { kind: "NULL" }, frame };
    if (!unwrapped) col.field = c.name;
    if (qualifier) col.qualifier = qualifier;
    return col;
  });
}

function keyColumns(schema: RowSchema): ScopeColumn[] {
  return frameColumns(schema.key, "key", schema.key.length === 1);
}

/**
 * The scope of an expression evaluated on one record: its key, value and meta columns.
 * @example scopeFor({ key: [], value: [{ name: "amount", type: "DOUBLE" }], valueUnwrapped: false })
 */
export function scopeFor(schema: RowSchema): Scope {
  let scope = scopes.get(schema);
  if (!scope) {
    scope = {
      columns: [
        ...keyColumns(schema),
        ...frameColumns(schema.value, "value", schema.valueUnwrapped),
        ...metaColumns(schema.windowed !== undefined),
      ],
    };
    scopes.set(schema, scope);
  }
  return scope;
}

/** Pass-through nodes share their input's schema object, so they share its scope (read-only). */
const scopes = new WeakMap<RowSchema, Scope>();

/** The ValueJoiner's scope: the left key, both values qualified by their aliases, meta. */
export function joinScope(
  left: RowSchema,
  right: RowSchema,
  leftAlias: string,
  rightAlias: string,
): Scope {
  return {
    columns: [
      ...keyColumns(left),
      ...frameColumns(left.value, "left", left.valueUnwrapped, leftAlias),
      ...frameColumns(right.value, "right", right.valueUnwrapped, rightAlias),
      ...metaColumns(false),
    ],
  };
}

/** A reducer's scope: the running aggregate as `AGG.x`, the record as `NEW.x` (or `OLD.x`). */
export function reducerScope(
  aggregate: readonly Column[],
  input: RowSchema,
  recordAlias: string,
): Scope {
  return {
    columns: [
      ...keyColumns(input),
      ...frameColumns(aggregate, "agg", false, "AGG"),
      ...frameColumns(input.value, "value", input.valueUnwrapped, recordAlias),
      ...metaColumns(false),
    ],
  };
}

/** A flat-map's per-element scope: the record's scope plus the element bound as `name`. */
export function itemScope(base: Scope, name: string, element: SqlType): Scope {
  return { columns: [...base.columns, { name, type: element, frame: "item" }] };
}
