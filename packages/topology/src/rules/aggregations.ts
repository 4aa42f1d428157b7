// Schema rules of aggregations: count's single unwrapped BIGINT, reduce keeps the value's
// shape, aggregate's columns typed as ksqlDB types its UDAFs, cogroup's initializer columns.
// After a windowed grouping the result's key is windowed (time or session).
import type { SqlType } from "@riffle/expr";
import { aggregateType } from "../aggregates";
import type { Column, NodeOf, Projection } from "../document";
import { type RowSchema, sqlType, typeText } from "../row-schema";
import type { Flow, Rule, RuleContext } from "../rule-context";
import { reducerScope, scopeFor } from "../scope";

function windowOf(flow: Flow | undefined): RowSchema["windowed"] {
  if (flow?.kind === "windowed-stream") return "time";
  if (flow?.kind === "session-windowed-stream") return "session";
  return undefined;
}

/** Checks that reducer columns keep the aggregate's shape (names and types). */
function checkShape(
  ctx: RuleContext<NodeOf<"reduce" | "cogroup">>,
  target: readonly Column[],
  produced: readonly Column[] | undefined,
  field: string,
) {
  produced?.forEach((c, i) => {
    const t = target.find((x) => x.name === c.name);
    const same = t && (c.type === "NULL" || typeText(sqlType(t.type)!) === c.type);
    if (!same) {
      const why = t
        ? `has type ${c.type}, the aggregate's is ${t.type}`
        : "is not a column of the aggregate";
      ctx.report("RF307", `Reducer column '${c.name}' ${why}.`, {
        field: `config.${field}[${i}].name`,
      });
    }
  });
}

const reduce: Rule<NodeOf<"reduce">> = (ctx) => {
  const flow = ctx.inputs.in?.[0];
  const schema = flow?.schema;
  if (!schema) return { out: undefined };
  checkShape(
    ctx,
    schema.value,
    ctx.project(ctx.config.adder, reducerScope(schema.value, schema, "NEW"), "adder"),
    "adder",
  );
  if (ctx.config.subtractor) {
    if (flow.kind !== "grouped-table") {
      ctx.report("RF404", "The subtractor is only used on a grouped table; it is ignored here.", {
        field: "config.subtractor",
      });
    }
    const scope = reducerScope(schema.value, schema, "OLD");
    checkShape(
      ctx,
      schema.value,
      ctx.project(ctx.config.subtractor, scope, "subtractor"),
      "subtractor",
    );
  }
  return { out: { ...schema, windowed: windowOf(flow) } };
};

const aggregate: Rule<NodeOf<"aggregate">> = (ctx) => {
  const flow = ctx.inputs.in?.[0];
  const schema = flow?.schema;
  if (!schema) return { out: undefined };
  const scope = scopeFor(schema);
  let ok = true;
  const value = ctx.config.aggregations.map((a, i) => {
    const args = a.args.map((text, j) => ctx.expr(text, scope, `aggregations[${i}].args[${j}]`));
    if (args.some((t) => !t)) {
      ok = false;
      return { name: a.name, type: "NULL" };
    }
    const r = aggregateType(a.fn, args as SqlType[]);
    if ("error" in r) {
      ctx.report("RF304", `${a.name}: ${r.error}.`, { field: `config.aggregations[${i}]` });
      ok = false;
      return { name: a.name, type: "NULL" };
    }
    return { name: a.name, type: typeText(r.type) };
  });
  ctx.scopes.aggregations = scope;
  return {
    out: ok
      ? { key: schema.key, value, valueUnwrapped: false, windowed: windowOf(flow) }
      : undefined,
  };
};

const cogroup: Rule<NodeOf<"cogroup">> = (ctx) => {
  const init = ctx.project(ctx.config.initializer, { columns: [] }, "initializer");
  const first = ctx.inputs[ctx.config.inputs[0].port]?.[0];
  ctx.config.inputs.forEach((input, i) => {
    const schema = ctx.inputs[input.port]?.[0]?.schema;
    if (!schema || !init) return;
    const field = `inputs[${i}].adder`;
    checkShape(
      ctx,
      init,
      ctx.project(input.adder as Projection[], reducerScope(init, schema, "NEW"), field),
      field,
    );
  });
  const key = first?.schema?.key;
  if (!init || !key) return { out: undefined };
  const windowed = ctx.config.window
    ? ctx.config.window.type === "session"
      ? "session"
      : "time"
    : undefined;
  return { out: { key, value: init, valueUnwrapped: false, windowed } };
};

export const aggregationRules: {
  [K in "count" | "reduce" | "aggregate" | "cogroup" | "suppress" | "to-table" | "to-stream"]: Rule<
    NodeOf<K>
  >;
} = {
  count: (ctx) => {
    const flow = ctx.inputs.in?.[0];
    if (!flow?.schema) return { out: undefined };
    const value = [{ name: ctx.config.column, type: "BIGINT" }];
    return { out: { key: flow.schema.key, value, valueUnwrapped: true, windowed: windowOf(flow) } };
  },
  reduce,
  aggregate,
  cogroup,
  suppress: (ctx) => {
    const schema = ctx.input();
    if (schema && ctx.config.until === "window-close" && !schema.windowed) {
      ctx.report(
        "RF402",
        "Suppress until window close needs the table of a windowed aggregation.",
        {
          field: "config.until",
        },
      );
    }
    return { out: schema };
  },
  "to-table": (ctx) => ({ out: ctx.input() }),
  "to-stream": (ctx) => ({ out: ctx.input() }),
};
