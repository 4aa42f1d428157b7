// Session window aggregation (Kafka's KStreamSessionWindowAggregate): a record opens a session
// [ts, ts] merged with every session of its key within the inactivity gap. Merged sessions are
// removed (a tombstone is forwarded for each) and the merged one is written and forwarded.
// A merged session ending before stream time - gap - grace is late (a session can still grow
// until the gap has passed too): dropped and counted.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { SessionStore } from "../../state/session-store";
import type { SessionWindows } from "../session-windows";
import type { Aggregator, Initializer } from "./stream-aggregate";

export type Merger<K = any, A = any> = (key: K, aggOne: A, aggTwo: A) => A;

export function sessionAggregateProcessor(
  name: string,
  storeName: string,
  windows: SessionWindows,
  init: Initializer,
  aggregator: Aggregator,
  merger: Merger,
): ProcessorFactory {
  return (ctx, out) => {
    const store = ctx.getStore<SessionStore>(storeName);
    const counters = ctx.metrics.node(name);
    let observed = Number.NEGATIVE_INFINITY;
    return (key, value, ts) => {
      if (key === null || key === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      if (ts > observed) observed = ts;
      const closeTime = observed - windows.gapMs - windows.graceMs;
      const merged = store.findSessions(key, ts - windows.gapMs, ts + windows.gapMs);
      let start = ts;
      let end = ts;
      let agg = init();
      for (const s of merged) {
        agg = merger(key, agg, s.value);
        if (s.start < start) start = s.start;
        if (s.end > end) end = s.end;
      }
      if (end < closeTime) {
        counters.dropped++;
        return;
      }
      if (start !== ts || end !== ts) {
        for (const s of merged) {
          store.remove(key, s.start, s.end, ts);
          out.all(
            { key, window: { start: s.start, end: s.end } },
            new Change(null, s.value),
            s.end,
          );
        }
      }
      agg = aggregator(key, value, agg);
      store.put(key, start, end, agg, ts);
      out.all({ key, window: { start, end } }, new Change(agg, null), end);
    };
  };
}
