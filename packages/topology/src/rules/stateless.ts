// Schema rules of stateless operators: filters pass the schema through, maps project new
// value columns and (map, flat-map, select-key) a new key named `keyName`.
import type { SqlType } from "@riffle/expr";
import type { NodeOf } from "../document";
import { type RowSchema, sameColumns, typeText } from "../row-schema";
import type { Rule, RuleContext } from "../rule-context";
import { itemScope, scopeFor } from "../scope";

const BOOLEAN = (what: string) => ({ kind: "BOOLEAN" as const, what });

const passThrough = (ctx: RuleContext) => ({ out: ctx.input() });

const filter: Rule<NodeOf<"filter" | "filter-not">> = (ctx) => {
  const schema = ctx.input();
  if (schema)
    ctx.expr(ctx.config.predicate, scopeFor(schema), "predicate", BOOLEAN("A filter predicate"));
  return { out: schema };
};

function keyed(
  name: string,
  type: SqlType | undefined,
  value: RowSchema | undefined,
  base: RowSchema,
) {
  if (!type || !value) return undefined;
  return { ...value, key: [{ name, type: typeText(type) }], windowed: base.windowed };
}

/** The element type of a flat-map's exploded array, checked to be an ARRAY. */
function explode(ctx: RuleContext<NodeOf<"flat-map" | "flat-map-values">>, schema: RowSchema) {
  const t = ctx.expr(ctx.config.explode, scopeFor(schema), "explode", {
    kind: "ARRAY",
    what: "explode",
  });
  return t?.kind === "ARRAY" ? itemScope(scopeFor(schema), ctx.config.as, t.element) : undefined;
}

export const statelessRules: {
  [K in
    | "filter"
    | "filter-not"
    | "map"
    | "map-values"
    | "flat-map"
    | "flat-map-values"
    | "select-key"
    | "branch"
    | "merge"
    | "peek"
    | "repartition"]: Rule<NodeOf<K>>;
} = {
  filter,
  "filter-not": filter,
  map: (ctx) => {
    const schema = ctx.input();
    if (!schema) return { out: undefined };
    const scope = scopeFor(schema);
    const key = ctx.expr(ctx.config.key, scope, "key");
    const value = ctx.project(ctx.config.columns, scope, "columns");
    return {
      out: keyed(
        ctx.config.keyName,
        key,
        value && { ...schema, value, valueUnwrapped: false },
        schema,
      ),
    };
  },
  "map-values": (ctx) => {
    const schema = ctx.input();
    if (!schema) return { out: undefined };
    const value = ctx.project(ctx.config.columns, scopeFor(schema), "columns");
    return { out: value && { ...schema, value, valueUnwrapped: false } };
  },
  "flat-map": (ctx) => {
    const schema = ctx.input();
    const scope = schema && explode(ctx, schema);
    if (!schema || !scope) return { out: undefined };
    const key = ctx.expr(ctx.config.key, scope, "key");
    const value = ctx.project(ctx.config.columns, scope, "columns");
    return {
      out: keyed(
        ctx.config.keyName,
        key,
        value && { ...schema, value, valueUnwrapped: false },
        schema,
      ),
    };
  },
  "flat-map-values": (ctx) => {
    const schema = ctx.input();
    const scope = schema && explode(ctx, schema);
    if (!schema || !scope) return { out: undefined };
    const value = ctx.project(ctx.config.columns, scope, "columns");
    return { out: value && { ...schema, value, valueUnwrapped: false } };
  },
  "select-key": (ctx) => {
    const schema = ctx.input();
    if (!schema) return { out: undefined };
    return {
      out: keyed(
        ctx.config.keyName,
        ctx.expr(ctx.config.key, scopeFor(schema), "key"),
        schema,
        schema,
      ),
    };
  },
  branch: (ctx) => {
    const schema = ctx.input();
    const out: Record<string, RowSchema | undefined> = {};
    ctx.config.branches.forEach((b, i) => {
      if (schema)
        ctx.expr(
          b.predicate,
          scopeFor(schema),
          `branches[${i}].predicate`,
          BOOLEAN("A branch predicate"),
        );
      out[b.name] = schema;
    });
    if (ctx.config.defaultBranch) out.default = schema;
    return out;
  },
  merge: (ctx) => {
    const flows = ctx.inputs.in ?? [];
    const first = flows[0]?.schema;
    for (const f of flows.slice(1)) {
      if (!first || !f.schema) continue;
      if (!sameColumns(first.key, f.schema.key) || !sameColumns(first.value, f.schema.value)) {
        ctx.report("RF305", "Merged streams must have the same key and value columns and types.");
        return { out: undefined };
      }
    }
    return { out: flows.some((f) => !f.schema) ? undefined : first };
  },
  peek: passThrough,
  repartition: passThrough,
};
