// Tumbling/hopping window aggregation (Kafka's KStreamWindowAggregate): a record updates every
// window containing it that is still open; a window closes once stream time >= end + grace,
// after which records for it are dropped and counted.
import { Change, type ProcessorFactory } from "../../processor/processor";
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
    return (key, value, ts) => {
      if (key === null || key === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      if (ts > observed) observed = ts;
      const closeTime = observed - windows.graceMs;
      for (const window of windows.windowsFor(ts)) {
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
