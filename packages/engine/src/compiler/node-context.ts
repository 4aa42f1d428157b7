// What compiling one document node sees: the node, its analysis (scopes, schemas), the DSL
// objects arriving on its input ports, and the declared topics.
import type { Scope } from "@riffle/expr";
import type { Node, NodeAnalysis, RowSchema, Topic } from "@riffle/topology";
import type { CogroupedKStream } from "../kstream/cogrouped-kstream";
import type { GlobalKTable } from "../kstream/global-ktable";
import type { KGroupedStream } from "../kstream/kgrouped-stream";
import type { KGroupedTable } from "../kstream/kgrouped-table";
import { KStream } from "../kstream/kstream";
import type { KTable } from "../kstream/ktable";
import type { SessionWindowedKStream } from "../kstream/session-windowed-kstream";
import type { StreamsBuilder } from "../kstream/streams-builder";
import type { TimeWindowedKStream } from "../kstream/time-windowed-kstream";
import { CompileError } from "./compile-error";
import { inheritedKeySerde } from "./topic-serdes";

export type Flowing =
  | KStream
  | KTable
  | GlobalKTable
  | KGroupedStream
  | KGroupedTable
  | TimeWindowedKStream
  | SessionWindowedKStream
  | CogroupedKStream;

export interface NodeContext<N extends Node = Node> {
  node: N;
  builder: StreamsBuilder;
  analysis: NodeAnalysis;
  inputs: Record<string, Flowing[]>;
  topics: ReadonlyMap<string, Topic>;
}

export type NodeCompiler<N extends Node = Node> = (ctx: NodeContext<N>) => Record<string, Flowing>;

export function input<T extends Flowing>(ctx: NodeContext, port = "in"): T {
  const flow = ctx.inputs[port]?.[0];
  if (!flow)
    throw new CompileError(`node '${ctx.node.id}': nothing is connected to port '${port}'`);
  return flow as T;
}

export function scope(ctx: NodeContext, field: string): Scope | undefined {
  return ctx.analysis.scopes[field];
}

export function outSchema(ctx: NodeContext, port = "out"): RowSchema | undefined {
  return ctx.analysis.outputs[port]?.schema;
}

export function unwrappedOut(ctx: NodeContext, port = "out"): boolean {
  const s = outSchema(ctx, port);
  return s?.valueUnwrapped === true && s.value.length === 1;
}

/** A stream whose key the node changed, carrying the key serde ksqlDB's KEY_FORMAT rule gives. */
export function rekeyed(ctx: NodeContext, before: KStream, after: KStream): KStream {
  const key = outSchema(ctx)?.key;
  if (!key || key.length === 0) return after;
  const keySerde = inheritedKeySerde(before.serdes.keySerde, key);
  return new KStream(
    after.builder,
    after.node,
    { ...after.serdes, keySerde },
    after.repartitionRequired,
  );
}
