// Join node kinds. The ValueJoiner is the node's projection over frames `left` and `right`
// (default: every column of both sides as `<alias>_<column>`).
import type { NodeOf, RowSchema } from "@riffle/topology";
import type { GlobalKTable } from "../kstream/global-ktable";
import { JoinWindows } from "../kstream/join-windows";
import { Joined } from "../kstream/joined";
import type { KStream } from "../kstream/kstream";
import type { KTable } from "../kstream/ktable";
import { Named } from "../kstream/named";
import { compileAt, compileProjections } from "./frames";
import { input, type NodeCompiler, type NodeContext, scope } from "./node-context";
import { DEFAULT_GRACE_MS } from "./windows";

type JoinNode = NodeOf<
  | "stream-stream-join"
  | "stream-table-join"
  | "table-table-join"
  | "foreign-key-join"
  | "stream-global-join"
>;

function sideColumns(schema: RowSchema | undefined, alias: string, side: "left" | "right") {
  return (value: unknown, row: Record<string, unknown>) => {
    for (const c of schema?.value ?? []) {
      const unwrapped = schema!.valueUnwrapped && schema!.value.length === 1;
      row[`${alias}_${c.name}`] =
        value === null || value === undefined
          ? null
          : unwrapped
            ? value
            : ((value as Record<string, unknown>)[c.name] ?? null);
    }
    return side;
  };
}

function joiner(ctx: NodeContext<JoinNode>) {
  const c = ctx.node.config;
  if (c.columns) {
    const project = compileProjections(c.columns, scope(ctx, "columns"), ctx.node.id, "columns");
    return (l: unknown, r: unknown, key: unknown) => project({ left: l, right: r }, key, 0);
  }
  const left = sideColumns(ctx.analysis.inputs.left?.[0]?.schema, c.leftAlias, "left");
  const right = sideColumns(ctx.analysis.inputs.right?.[0]?.schema, c.rightAlias, "right");
  return (l: unknown, r: unknown) => {
    const row: Record<string, unknown> = {};
    left(l, row);
    right(r, row);
    return row;
  };
}

const method = (type: "inner" | "left" | "outer") =>
  type === "inner" ? "join" : type === "left" ? "leftJoin" : "outerJoin";

export const joinCompilers = {
  "stream-stream-join": (ctx: NodeContext<NodeOf<"stream-stream-join">>) => {
    const c = ctx.node.config;
    const windows = JoinWindows.ofTimeDifferenceAndGrace(0, c.graceMs ?? DEFAULT_GRACE_MS)
      .before(c.beforeMs)
      .after(c.afterMs);
    const left = input<KStream>(ctx, "left");
    const right = input<KStream>(ctx, "right");
    return {
      out: (left as any)[method(c.joinType)](
        right,
        joiner(ctx),
        windows,
        Joined.as(ctx.node.id),
      ) as KStream,
    };
  },
  "stream-table-join": (ctx: NodeContext<NodeOf<"stream-table-join">>) => {
    const c = ctx.node.config;
    const left = input<KStream>(ctx, "left");
    return {
      out: (left as any)[method(c.joinType)](
        input<KTable>(ctx, "right"),
        joiner(ctx),
        Joined.as(ctx.node.id),
      ) as KStream,
    };
  },
  "table-table-join": (ctx: NodeContext<NodeOf<"table-table-join">>) => {
    const c = ctx.node.config;
    const left = input<KTable>(ctx, "left");
    return {
      out: (left as any)[method(c.joinType)](
        input<KTable>(ctx, "right"),
        joiner(ctx),
        Named.as(ctx.node.id),
      ) as KTable,
    };
  },
  "foreign-key-join": (ctx: NodeContext<NodeOf<"foreign-key-join">>) => {
    const c = ctx.node.config;
    const fk = compileAt(c.foreignKey, scope(ctx, "foreignKey"), ctx.node.id, "foreignKey");
    const left = input<KTable>(ctx, "left");
    const extract = (v: unknown) => fk({ value: v }, undefined, 0);
    return {
      out: (left as any)[method(c.joinType)](
        input<KTable>(ctx, "right"),
        extract,
        joiner(ctx),
        Named.as(ctx.node.id),
      ) as KTable,
    };
  },
  "stream-global-join": (ctx: NodeContext<NodeOf<"stream-global-join">>) => {
    const c = ctx.node.config;
    const key = compileAt(c.key, scope(ctx, "key"), ctx.node.id, "key");
    const left = input<KStream>(ctx, "left");
    const select = (k: unknown, v: unknown) => key({ value: v }, k, 0);
    return {
      out: (left as any)[method(c.joinType)](
        input<GlobalKTable>(ctx, "right"),
        select,
        joiner(ctx),
        Named.as(ctx.node.id),
      ) as KStream,
    };
  },
} satisfies Record<string, NodeCompiler<any>>;
