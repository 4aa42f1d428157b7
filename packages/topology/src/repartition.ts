// Key tracking and repartition inference, as Kafka Streams' DSL does it: map, flat-map and
// select-key mark a stream (repartitionRequired); group-by-key, to-table and joins of a
// marked stream write through a repartition topic first; group-by always does; the
// *-values operators never do; a `repartition` node is an explicit repartition topic.
import type { NodeKind } from "./document";
import type { Flow } from "./rule-context";

export type RepartitionReason = "group-by" | "key-changed" | "explicit";

const KEY_CHANGING = new Set<NodeKind>(["map", "flat-map", "select-key"]);
/** Operators that repartition a marked input (KStreamImpl: groupByKey, toTable, join). */
const REPARTITION_IF_MARKED = new Set<NodeKind>([
  "group-by-key",
  "to-table",
  "stream-stream-join",
  "stream-table-join",
]);
/** Operators whose result is keyed like their (marked or not) input. */
const KEY_PRESERVING = new Set<NodeKind>([
  "filter",
  "filter-not",
  "map-values",
  "flat-map-values",
  "branch",
  "peek",
  "merge",
  "stream-global-join",
]);

/** Why the flow into `port` of a `kind` node goes through a repartition topic, if it does. */
export function repartitionBefore(kind: NodeKind, flow: Flow): RepartitionReason | undefined {
  if (kind === "group-by") return "group-by";
  if (flow.keyChanged && REPARTITION_IF_MARKED.has(kind)) return "key-changed";
  return undefined;
}

/** Whether a node's output is marked for repartitioning, given its (repartitioned) inputs. */
export function keyChangedAfter(kind: NodeKind, inputs: readonly Flow[]): boolean {
  if (KEY_CHANGING.has(kind)) return true;
  return KEY_PRESERVING.has(kind) && inputs.some((f) => f.keyChanged);
}
