// Schema rules of joins: the result keeps the left key; its value is the ValueJoiner's
// columns, or by default every column of both sides named `<alias>_<column>`.
import { typesEqual } from "@riffle/expr";
import type { Column, NodeOf } from "../document";
import { type RowSchema, sqlType, typeText } from "../row-schema";
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

/** Reports when the type records meet by differs from the right side's (single) key type. */
function checkKeyType(
  ctx: RuleContext<NodeOf<JoinKind>>,
  leftKey: string | undefined,
  right: RowSchema,
  what: string,
) {
  const rightKey = right.key.length === 1 ? right.key[0].type : undefined;
  if (!leftKey || !rightKey || leftKey === "NULL") return;
  const [l, r] = [sqlType(leftKey), sqlType(rightKey)];
  if (l && r && !typesEqual(l, r)) {
    ctx.report("RF308", `${what} is ${typeText(l)} but the right side's key is ${typeText(r)}.`, {
      field: "inputs.right",
    });
  }
}

/** Joins whose extra expression (foreign key, global key) is evaluated on the left record. */
const keyedJoin =
  (field: "foreignKey" | "key"): Rule<NodeOf<"foreign-key-join" | "stream-global-join">> =>
  (ctx) => {
    const left = ctx.input("left");
    const right = ctx.input("right");
    const text = "foreignKey" in ctx.config ? ctx.config.foreignKey : ctx.config.key;
    const t = left && ctx.expr(text, scopeFor(left), field);
    if (t && right) checkKeyType(ctx, typeText(t), right, `The ${field} expression`);
    return { out: left && right ? joined(ctx, left, right) : undefined };
  };

const keyJoin: Rule<NodeOf<JoinKind>> = (ctx) => {
  const left = ctx.input("left");
  const right = ctx.input("right");
  if (left && right && left.key.length === 1)
    checkKeyType(ctx, left.key[0].type, right, "The left key");
  return { out: left && right ? joined(ctx, left, right) : undefined };
};

export const joinRules: { [K in JoinKind]: Rule<NodeOf<K>> } = {
  "stream-stream-join": keyJoin,
  "stream-table-join": keyJoin,
  "table-table-join": keyJoin,
  "foreign-key-join": keyedJoin("foreignKey"),
  "stream-global-join": keyedJoin("key"),
};
