// Grouping, windowing and aggregation node kinds. `aggregate` keeps one state per UDAF in its
// store and maps the state to result columns downstream (ksqlDB's aggregate + map).
import type { NodeOf } from "@riffle/topology";
import type { CogroupedKStream } from "../kstream/cogrouped-kstream";
import { Grouped } from "../kstream/grouped";
import { KGroupedStream } from "../kstream/kgrouped-stream";
import type { KGroupedTable } from "../kstream/kgrouped-table";
import { KStream } from "../kstream/kstream";
import type { KTable } from "../kstream/ktable";
import { Materialized } from "../kstream/materialized";
import { Named } from "../kstream/named";
import { SessionWindowedKStream } from "../kstream/session-windowed-kstream";
import { SessionWindows } from "../kstream/session-windows";
import { Suppressed } from "../kstream/suppressed";
import { EmitStrategy, TimeWindowedKStream } from "../kstream/time-windowed-kstream";
import { TimeWindows } from "../kstream/time-windows";
import { udaf } from "./aggregate-functions";
import { CompileError } from "./compile-error";
import { compileAt, compileProjections, type Evaluate } from "./frames";
import {
  type Flowing,
  input,
  type NodeCompiler,
  type NodeContext,
  outSchema,
  scope,
} from "./node-context";
import { inheritedKeySerde } from "./topic-serdes";
import { windowSpec } from "./windows";

type Grouping = KGroupedStream | KGroupedTable | TimeWindowedKStream | SessionWindowedKStream;

const store = (ctx: NodeContext, name: string | undefined) => Materialized.as(name ?? ctx.node.id);

/** Runs an aggregation on whichever grouping arrives; sessions also need a merger. */
function aggregateOn(
  g: Grouping,
  init: () => unknown,
  add: (k: unknown, v: unknown, agg: any) => unknown,
  subtract: (k: unknown, v: unknown, agg: any) => unknown,
  merge: (k: unknown, a: any, b: any) => unknown,
  ctx: NodeContext,
  storeName?: string,
): KTable {
  const m = store(ctx, storeName);
  if (g instanceof SessionWindowedKStream)
    return g.aggregate(init, add, merge, m, Named.as(ctx.node.id));
  if (g instanceof KGroupedStream || g instanceof TimeWindowedKStream)
    return g.aggregate(init, add, m, Named.as(ctx.node.id));
  return g.aggregate(init, add, subtract, m, Named.as(ctx.node.id));
}

function reduceNode(ctx: NodeContext<NodeOf<"reduce">>) {
  const c = ctx.node.config;
  const adder = compileProjections(c.adder, scope(ctx, "adder"), ctx.node.id, "adder");
  const subtractor =
    c.subtractor &&
    compileProjections(c.subtractor, scope(ctx, "subtractor"), ctx.node.id, "subtractor");
  const g = input<Grouping>(ctx);
  const add = (agg: unknown, v: unknown) => adder({ agg, value: v }, undefined, 0);
  if ("aggregate" in g && g.constructor.name === "KGroupedTable") {
    const sub =
      subtractor ??
      (() => {
        throw new CompileError(`node '${ctx.node.id}': a grouped table needs a subtractor`);
      });
    const minus = (agg: unknown, v: unknown) => (sub as Evaluate)({ agg, value: v }, undefined, 0);
    return {
      out: (g as KGroupedTable).reduce(add, minus, store(ctx, c.store), Named.as(ctx.node.id)),
    };
  }
  return { out: (g as KGroupedStream).reduce(add, store(ctx, c.store), Named.as(ctx.node.id)) };
}

function aggregateNode(ctx: NodeContext<NodeOf<"aggregate">>) {
  const c = ctx.node.config;
  const fns = c.aggregations.map((a, i) => ({
    name: a.name,
    fn: udaf(a.fn),
    args: a.args.map((text, j) =>
      compileAt(text, scope(ctx, "aggregations"), ctx.node.id, `aggregations[${i}].args[${j}]`),
    ),
  }));
  const evalArgs = (args: Evaluate[], k: unknown, v: unknown) =>
    args.map((a) => a({ value: v }, k, 0));
  const step =
    (which: "add" | "subtract") => (k: unknown, v: unknown, state: Record<string, unknown>) => {
      const next: Record<string, unknown> = {};
      for (const f of fns) next[f.name] = f.fn[which](state[f.name], evalArgs(f.args, k, v));
      return next;
    };
  const init = () => Object.fromEntries(fns.map((f) => [f.name, f.fn.init()]));
  const merge = (_k: unknown, a: Record<string, unknown>, b: Record<string, unknown>) =>
    Object.fromEntries(fns.map((f) => [f.name, f.fn.merge(a[f.name], b[f.name])]));
  const table = aggregateOn(
    input<Grouping>(ctx),
    init,
    step("add"),
    step("subtract"),
    merge,
    ctx,
    c.store,
  );
  const result = (state: Record<string, unknown>) =>
    Object.fromEntries(fns.map((f) => [f.name, f.fn.result(state[f.name])]));
  return { out: table.mapValues(result, Named.as(`${ctx.node.id}-result`)) };
}

function cogroupNode(ctx: NodeContext<NodeOf<"cogroup">>) {
  const c = ctx.node.config;
  const init = compileProjections(
    c.initializer,
    scope(ctx, "initializer"),
    ctx.node.id,
    "initializer",
  );
  let cogrouped: CogroupedKStream | undefined;
  c.inputs.forEach((inp, i) => {
    const field = `inputs[${i}].adder`;
    const adder = compileProjections(inp.adder, scope(ctx, field), ctx.node.id, field);
    const g = input<KGroupedStream>(ctx, inp.port);
    const add = (k: unknown, v: unknown, agg: unknown) => ({
      ...(agg as object),
      ...(adder({ agg, value: v }, k, 0) as object),
    });
    cogrouped = cogrouped ? cogrouped.cogroup(g, add) : g.cogroup(add);
  });
  if (c.window) {
    const w = windowSpec(c.window);
    if (!(w instanceof TimeWindows))
      throw new CompileError(
        `node '${ctx.node.id}': cogroup supports tumbling and hopping windows`,
      );
    cogrouped!.windowedBy(w);
  }
  return {
    out: cogrouped!.aggregate(
      () => init({}, undefined, 0),
      store(ctx, c.store),
      Named.as(ctx.node.id),
    ),
  };
}

export const aggregationCompilers = {
  "group-by-key": (ctx: NodeContext<NodeOf<"group-by-key">>) => {
    const s = input<KStream>(ctx);
    return {
      out: s.groupByKey(Grouped.with(s.serdes.keySerde, s.serdes.valueSerde).withName(ctx.node.id)),
    };
  },
  "group-by": (ctx: NodeContext<NodeOf<"group-by">>) => {
    const c = ctx.node.config;
    const key = compileAt(c.key, scope(ctx, "key"), ctx.node.id, "key");
    const from = input<KStream | KTable>(ctx);
    const grouped = Grouped.with(
      inheritedKeySerde(from.serdes.keySerde, outSchema(ctx)?.key ?? []),
    ).withName(ctx.node.id);
    if (from instanceof KStream) {
      return { out: from.groupBy((k, v, ts) => key({ value: v }, k, ts), grouped) as Flowing };
    }
    const value =
      c.columns && compileProjections(c.columns, scope(ctx, "columns"), ctx.node.id, "columns");
    return {
      out: from.groupBy(
        (k, v, ts) => ({
          key: key({ value: v }, k, ts),
          value: value ? value({ value: v }, k, ts) : v,
        }),
        grouped,
      ),
    };
  },
  "windowed-by": (ctx: NodeContext<NodeOf<"windowed-by">>) => {
    const w = windowSpec(ctx.node.config.window);
    const g = input<KGroupedStream>(ctx);
    if (ctx.node.config.emitStrategy !== "on-window-close")
      return { out: w instanceof SessionWindows ? g.windowedBy(w) : g.windowedBy(w) };
    if (!(w instanceof TimeWindows))
      throw new CompileError(
        `node '${ctx.node.id}': on-window-close needs a tumbling or hopping window`,
      );
    return { out: g.windowedBy(w).emitStrategy(EmitStrategy.onWindowClose()) };
  },
  count: (ctx: NodeContext<NodeOf<"count">>) => {
    const g = input<Grouping>(ctx);
    const m = store(ctx, ctx.node.config.store);
    return { out: g.count(Named.as(ctx.node.id), m) };
  },
  reduce: reduceNode,
  aggregate: aggregateNode,
  cogroup: cogroupNode,
  suppress: (ctx: NodeContext<NodeOf<"suppress">>) => {
    const c = ctx.node.config;
    const s =
      c.until === "window-close"
        ? Suppressed.untilWindowCloses()
        : Suppressed.untilTimeLimit(c.timeToWaitMs, c.maxRecords);
    return { out: input<KTable>(ctx).suppress({ ...s, name: ctx.node.id }) };
  },
  "to-table": (ctx: NodeContext<NodeOf<"to-table">>) => ({
    out: input<KStream>(ctx).toTable(Named.as(ctx.node.id), store(ctx, ctx.node.config.store)),
  }),
} satisfies Record<string, NodeCompiler<any>>;
