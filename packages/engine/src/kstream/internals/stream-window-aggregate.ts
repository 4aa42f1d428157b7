// Tumbling/hopping window aggregation (Kafka's KStreamWindowAggregate): a record updates every
// window containing it that is still open; a window closes once stream time >= end + grace,
// after which records for it are dropped and counted.
import { Change, type ProcessorFactory, type TimeWindow } from "../../processor/processor";
import type { WindowStore } from "../../state/window-store";
import type { TimeWindows } from "../time-windows";
import type { Aggregator, Initializer } from "./stream-aggregate";

export function windowAggregateProcessor(
  name: string,
  storeName: string,
  windows: TimeWindows,
  init: Initializer | undefined,
  aggregator: Aggregator,
): ProcessorFactory {
  return (ctx, out) => {
    const store = ctx.getStore<WindowStore>(storeName);
    const counters = ctx.metrics.node(name);
    let observed = Number.NEGATIVE_INFINITY;
    const windowsOf = sharedWindows(windows);
    return (key, value, ts) => {
      if (key === null || key === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      if (ts > observed) observed = ts;
      const closeTime = observed - windows.graceMs;
      for (const window of windowsOf(ts)) {
        if (window.end <= closeTime) {
          counters.dropped++;
          continue;
        }
        const old = store.fetch(key, window.start);
        const oldAgg = old === undefined ? null : old.value;
        const agg =
          oldAgg === null && init === undefined
            ? value
            : aggregator(key, value, oldAgg === null ? init!() : oldAgg);
        const newTs = old === undefined || ts > old.timestamp ? ts : old.timestamp;
        store.put(key, agg, window.start, newTs);
        out.all({ key, window }, new Change(agg, oldAgg), newTs);
      }
    };
  };
}

/**
 * `windows.windowsFor`, reusing the last tumbling window while records fall into it: one window
 * object per window rather than per record, so the windowed keys of its updates share it (the
 * sink then builds the window headers once).
 */
function sharedWindows(windows: TimeWindows): (ts: number) => readonly TimeWindow[] {
  if (windows.advanceMs !== windows.sizeMs) return (ts) => windows.windowsFor(ts);
  let last: readonly TimeWindow[] = [];
  return (ts) => {
    const w = last[0];
    if (w === undefined || ts < w.start || ts >= w.end) last = windows.windowsFor(ts);
    return last;
  };
}
