// Stateless node kinds onto KStream/KTable operators; expressions become closures over frames.
import type { NodeOf } from "@riffle/topology";
import { Branched } from "../kstream/branched";
import { KStream } from "../kstream/kstream";
import { KTable } from "../kstream/ktable";
import { Named } from "../kstream/named";
import { Repartitioned } from "../kstream/repartitioned";
import { asPredicate, compileAt, compileProjections } from "./frames";
import {
  type Flowing,
  input,
  type NodeCompiler,
  type NodeContext,
  outSchema,
  rekeyed,
  scope,
  unwrappedOut,
} from "./node-context";

const named = (ctx: NodeContext) => Named.as(ctx.node.id);

/**
 * ksqlDB's PARTITION BY keeps the replaced key columns as value columns, and validation's
 * schema says so; the records must carry them too, whatever their JSON happened to hold.
 */
function keyIntoValue(ctx: NodeContext, from: KStream): KStream {
  const before = ctx.analysis.inputs.in?.[0]?.schema;
  const after = outSchema(ctx);
  if (!before || !after || before.valueUnwrapped) return from;
  const inValue = new Set(before.value.map((c) => c.name));
  const moved = before.key
    .map((c) => c.name)
    .filter((name) => !inValue.has(name) && after.value.some((c) => c.name === name));
  if (moved.length === 0) return from;
  const single = before.key.length === 1;
  const carried = from.mapValues(
    (v: Record<string, unknown> | null, k: any) => {
      if (v === null) return v;
      const row = { ...v };
      for (const name of moved) row[name] = single ? k : (k?.[name] ?? null);
      return row;
    },
    Named.as(`${ctx.node.id}-key-into-value`),
  );
  return new KStream(carried.builder, carried.node, from.serdes, carried.repartitionRequired);
}

function filter(ctx: NodeContext<NodeOf<"filter" | "filter-not">>) {
  const test = asPredicate(
    compileAt(ctx.node.config.predicate, scope(ctx, "predicate"), ctx.node.id, "predicate"),
  );
  const from = input<KStream | KTable>(ctx);
  const negate = ctx.node.kind === "filter-not";
  const out: Flowing = negate ? from.filterNot(test, named(ctx)) : from.filter(test, named(ctx));
  return { out };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export const statelessCompilers = {
  filter,
  "filter-not": filter,
  map: (ctx: NodeContext<NodeOf<"map">>) => {
    const c = ctx.node.config;
    const key = compileAt(c.key, scope(ctx, "key"), ctx.node.id, "key");
    const value = compileProjections(c.columns, scope(ctx, "columns"), ctx.node.id, "columns");
    const from = input<KStream>(ctx);
    const mapped = from.map(
      (k, v, ts) => ({
        key: key({ value: v }, k, v === null ? null : ts),
        value: v === null ? null : value({ value: v }, k, ts),
      }),
      named(ctx),
    );
    return { out: rekeyed(ctx, from, mapped) };
  },
  "map-values": (ctx: NodeContext<NodeOf<"map-values">>) => {
    const value = compileProjections(
      ctx.node.config.columns,
      scope(ctx, "columns"),
      ctx.node.id,
      "columns",
      unwrappedOut(ctx),
    );
    const from = input<KStream | KTable>(ctx);
    const mapper = (v: unknown, k: unknown, ts: number) =>
      v === null ? null : value({ value: v }, k, ts);
    return {
      out:
        from instanceof KTable
          ? from.mapValues(mapper, named(ctx))
          : from.mapValues(mapper, named(ctx)),
    };
  },
  "flat-map": (ctx: NodeContext<NodeOf<"flat-map">>) => {
    const c = ctx.node.config;
    const explode = compileAt(c.explode, scope(ctx, "explode"), ctx.node.id, "explode");
    const key = compileAt(c.key, scope(ctx, "key"), ctx.node.id, "key");
    const value = compileProjections(c.columns, scope(ctx, "columns"), ctx.node.id, "columns");
    const from = input<KStream>(ctx);
    const flat = from.flatMap(
      (k, v, ts) =>
        asArray(explode({ value: v }, k, ts)).map((item) => ({
          key: key({ value: v, item }, k, ts),
          value: value({ value: v, item }, k, ts),
        })),
      named(ctx),
    );
    return { out: rekeyed(ctx, from, flat) };
  },
  "flat-map-values": (ctx: NodeContext<NodeOf<"flat-map-values">>) => {
    const c = ctx.node.config;
    const explode = compileAt(c.explode, scope(ctx, "explode"), ctx.node.id, "explode");
    const value = compileProjections(
      c.columns,
      scope(ctx, "columns"),
      ctx.node.id,
      "columns",
      unwrappedOut(ctx),
    );
    return {
      out: input<KStream>(ctx).flatMapValues(
        (v, k, ts) =>
          asArray(explode({ value: v }, k, ts)).map((item) => value({ value: v, item }, k, ts)),
        named(ctx),
      ),
    };
  },
  "select-key": (ctx: NodeContext<NodeOf<"select-key">>) => {
    const key = compileAt(ctx.node.config.key, scope(ctx, "key"), ctx.node.id, "key");
    const from = keyIntoValue(ctx, input<KStream>(ctx));
    return {
      out: rekeyed(
        ctx,
        from,
        from.selectKey((k, v, ts) => key({ value: v }, k, ts), named(ctx)),
      ),
    };
  },
  branch: (ctx: NodeContext<NodeOf<"branch">>) => {
    const c = ctx.node.config;
    const split = input<KStream>(ctx).split(Named.as(ctx.node.id));
    c.branches.forEach((b, i) => {
      const test = asPredicate(
        compileAt(b.predicate, scope(ctx, "branches"), ctx.node.id, `branches[${i}].predicate`),
      );
      split.branch(test, Branched.as(b.name));
    });
    const streams = c.defaultBranch
      ? split.defaultBranch(Branched.as("default"))
      : split.noDefaultBranch();
    const out: Record<string, Flowing> = {};
    for (const [name, stream] of Object.entries(streams))
      out[name.slice(ctx.node.id.length + 1)] = stream;
    return out;
  },
  merge: (ctx: NodeContext<NodeOf<"merge">>) => {
    const [first, ...rest] = (ctx.inputs.in ?? []) as KStream[];
    return {
      out: rest.reduce(
        (acc, s, i) =>
          acc.merge(s, Named.as(i === rest.length - 1 ? ctx.node.id : `${ctx.node.id}-${i}`)),
        first,
      ),
    };
  },
  peek: (ctx: NodeContext<NodeOf<"peek">>) => ({
    out: input<KStream>(ctx).peek(() => {}, named(ctx)),
  }),
  repartition: (ctx: NodeContext<NodeOf<"repartition">>) => {
    const c = ctx.node.config;
    let r = Repartitioned.as(c.name ?? ctx.node.id);
    if (c.partitions !== undefined) r = r.withNumberOfPartitions(c.partitions);
    return { out: input<KStream>(ctx).repartition(r) };
  },
  "to-stream": (ctx: NodeContext<NodeOf<"to-stream">>) => ({
    out: input<KTable>(ctx).toStream(named(ctx)),
  }),
} satisfies Record<string, NodeCompiler<any>>;
