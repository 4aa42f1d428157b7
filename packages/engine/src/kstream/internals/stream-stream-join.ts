// Windowed KStream-KStream join (Kafka's KStreamKStreamJoin, 3.1+ semantics). Each side buffers
// its records in a window store; a record joins every other-side record with the same key and
// a timestamp in [ts - before, ts + after] (inclusive; the other side sees the window mirrored).
// Left/outer: a record without a match waits in the outer store and is emitted with null only
// once its window has closed (ts + after + grace < stream time). A record whose own window has
// already closed is late: dropped and counted. Stream time is shared by both sides.
import type { ProcessorFactory } from "../../processor/processor";
import type { TaskContext } from "../../processor/task-context";
import type { KeyValueStore } from "../../state/key-value-store";
import { storeKey } from "../../state/store-key";
import type { WindowEntry, WindowStore } from "../../state/window-store";
import type { JoinWindows } from "../join-windows";

export type ValueJoiner<L = any, R = any, O = any> = (left: L, right: R, key: any) => O;

interface SharedTime {
  streamTime: number;
  minOuterTime: number;
  seq: number;
}

interface OuterEntry {
  key: unknown;
  value: unknown;
  left: boolean;
  ts: number;
}

export interface StreamStreamJoinSpec {
  name: string;
  windows: JoinWindows;
  joiner: ValueJoiner;
  thisStore: string;
  otherStore: string;
  /** Present for left/outer joins: the shared store of not-yet-matched records. */
  outerStore?: string;
  isLeft: boolean;
  /** Whether this side's unmatched records are emitted (left side of left join; both of outer). */
  outer: boolean;
}

const shared = new WeakMap<TaskContext, Map<string, SharedTime>>();

function sharedTime(ctx: TaskContext, id: string): SharedTime {
  let byJoin = shared.get(ctx);
  if (!byJoin) {
    byJoin = new Map();
    shared.set(ctx, byJoin);
  }
  let t = byJoin.get(id);
  if (!t) {
    t = { streamTime: Number.NEGATIVE_INFINITY, minOuterTime: Number.POSITIVE_INFINITY, seq: 0 };
    byJoin.set(id, t);
  }
  return t;
}

const pad = (ts: number) => String(ts).padStart(16, "0");
const outerPrefix = (ts: number, left: boolean, key: unknown) =>
  `${pad(ts)}|${left ? "L" : "R"}|${storeKey(key)}|`;

interface Current {
  key: unknown;
  value: unknown;
  ts: number;
}

/** Deletes the outer-store records of one side, key and timestamp. */
function deleteOuterRecords(
  outer: KeyValueStore,
  ts: number,
  left: boolean,
  key: unknown,
  now: number,
): void {
  const prefix = outerPrefix(ts, left, key);
  const stale = [...outer.range(prefix, `${prefix}\uffff`)].map((e) => e.key);
  for (const k of stale) outer.delete(k, now);
}

export function streamStreamJoinProcessor(spec: StreamStreamJoinSpec): ProcessorFactory {
  const { windows, joiner, isLeft } = spec;
  const before = isLeft ? windows.beforeMs : windows.afterMs;
  const after = isLeft ? windows.afterMs : windows.beforeMs;
  const grace = windows.graceMs;
  const minLookBack = Math.min(windows.beforeMs, windows.afterMs);
  return (ctx, out) => {
    const thisStore = ctx.getStore<WindowStore>(spec.thisStore);
    const otherStore = ctx.getStore<WindowStore>(spec.otherStore);
    const outer =
      spec.outerStore === undefined ? undefined : ctx.getStore<KeyValueStore>(spec.outerStore);
    const time = sharedTime(ctx, spec.name);
    const counters = ctx.metrics.node(spec.name);
    const join = (k: unknown, l: unknown, r: unknown) =>
      isLeft ? joiner(l, r, k) : joiner(r, l, k);
    // The record being joined, read by `joinMatch`: one visitor for every record, no array of
    // matches per lookup.
    const current: Current = { key: undefined, value: undefined, ts: 0 };
    const joinMatch = (m: WindowEntry<unknown, unknown>) => {
      const { key, value, ts } = current;
      // a matched other-side record is no longer waiting for its window to close unmatched
      if (outer !== undefined) deleteOuterRecords(outer, m.start, !isLeft, key, ts);
      out.all(key, join(key, value, m.value), Math.max(ts, m.start));
    };

    const emitClosedOuterRecords = (store: KeyValueStore) => {
      const now = time.streamTime;
      if (time.minOuterTime + minLookBack + grace >= now) return;
      const emitted: string[] = [];
      let min = Number.POSITIVE_INFINITY;
      for (const { key: k, value: stored } of store.all()) {
        const e = stored.value as OuterEntry;
        if (e.ts + minLookBack + grace >= now) {
          if (e.ts < min) min = e.ts;
          break;
        }
        const lookBack = e.left ? windows.afterMs : windows.beforeMs;
        if (e.ts + lookBack + grace >= now) {
          if (e.ts < min) min = e.ts;
          continue;
        }
        out.all(e.key, e.left ? joiner(e.value, null, e.key) : joiner(null, e.value, e.key), e.ts);
        emitted.push(k as string);
      }
      for (const k of emitted) store.delete(k, now);
      time.minOuterTime = min;
    };

    return (key, value, ts) => {
      if (key === null || key === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      if (ts > time.streamTime) time.streamTime = ts;
      if (ts + after + grace < time.streamTime) {
        counters.dropped++;
        return;
      }
      thisStore.put(key, value, ts, ts);
      if (outer !== undefined && ts === time.streamTime) emitClosedOuterRecords(outer);
      current.key = key;
      current.value = value;
      current.ts = ts;
      const from = Math.max(0, ts - before);
      const matched = otherStore.visitRange(key, from, Math.max(0, ts + after), joinMatch);
      if (matched === 0 && spec.outer && outer !== undefined) {
        const entry: OuterEntry = { key, value, left: isLeft, ts };
        outer.put(`${outerPrefix(ts, isLeft, key)}${time.seq++}`, entry, ts);
        if (ts < time.minOuterTime) time.minOuterTime = ts;
      }
    };
  };
}
