// Schema rules of grouping and windowing: group-by computes the new key (and, on tables,
// the new value); group-by-key and windowed-by keep the schema.
import type { NodeOf } from "../document";
import { typeText } from "../row-schema";
import type { Rule } from "../rule-context";
import { scopeFor } from "../scope";

export const groupingRules: {
  [K in "group-by-key" | "group-by" | "windowed-by"]: Rule<NodeOf<K>>;
} = {
  "group-by-key": (ctx) => ({ out: ctx.input() }),
  "group-by": (ctx) => {
    const schema = ctx.input();
    if (!schema) return { out: undefined };
    const scope = scopeFor(schema);
    const key = ctx.expr(ctx.config.key, scope, "key");
    const value = ctx.config.columns
      ? ctx.project(ctx.config.columns, scope, "columns")
      : schema.value;
    if (!key || !value) return { out: undefined };
    const unwrapped = ctx.config.columns ? false : schema.valueUnwrapped;
    return {
      out: {
        key: [{ name: ctx.config.keyName, type: typeText(key) }],
        value,
        valueUnwrapped: unwrapped,
      },
    };
  },
  "windowed-by": (ctx) => ({ out: ctx.input() }),
};
