// Schema rules of joins: the result keeps the left key; its value is the ValueJoiner's
// columns, or by default every column of both sides named `<alias>_<column>`.
import type { Column, NodeOf } from "../document";
import type { RowSchema } from "../row-schema";
import type { Rule, RuleContext } from "../rule-context";
import { joinScope, scopeFor } from "../scope";

type JoinKind =
  | "stream-stream-join"
  | "stream-table-join"
  | "table-table-join"
  | "foreign-key-join"
  | "stream-global-join";

const prefixed = (alias: string, cols: readonly Column[]): Column[] =>
  cols.map((c) => ({ name: `${alias}_${c.name}`, type: c.type }));

function joined(
  ctx: RuleContext<NodeOf<JoinKind>>,
  left: RowSchema,
  right: RowSchema,
): RowSchema | undefined {
  const { leftAlias, rightAlias, columns } = ctx.config;
  const scope = joinScope(left, right, leftAlias, rightAlias);
  ctx.scopes.columns = scope;
  const value = columns
    ? ctx.project(columns, scope, "columns")
    : [...prefixed(leftAlias, left.value), ...prefixed(rightAlias, right.value)];
  return value && { key: left.key, value, valueUnwrapped: false };
}

/** Joins whose extra expression (foreign key, global key) is evaluated on the left record. */
const keyedJoin =
  (field: "foreignKey" | "key"): Rule<NodeOf<"foreign-key-join" | "stream-global-join">> =>
  (ctx) => {
    const left = ctx.input("left");
    const right = ctx.input("right");
    const text = "foreignKey" in ctx.config ? ctx.config.foreignKey : ctx.config.key;
    if (left) ctx.expr(text, scopeFor(left), field);
    return { out: left && right ? joined(ctx, left, right) : undefined };
  };

const keyJoin: Rule<NodeOf<JoinKind>> = (ctx) => {
  const left = ctx.input("left");
  const right = ctx.input("right");
  return { out: left && right ? joined(ctx, left, right) : undefined };
};

export const joinRules: { [K in JoinKind]: Rule<NodeOf<K>> } = {
  "stream-stream-join": keyJoin,
  "stream-table-join": keyJoin,
  "table-table-join": keyJoin,
  "foreign-key-join": keyedJoin("foreignKey"),
  "stream-global-join": keyedJoin("key"),
};
