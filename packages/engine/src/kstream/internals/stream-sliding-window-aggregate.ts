// Sliding window aggregation (Kafka's KStreamSlidingWindowAggregate): windows of
// `timeDifference` with both ends inclusive, one ending at each record ([t - d, t]) and one
// starting just after each record ([t + 1, t + 1 + d]) when it holds records. A new record
// updates every existing window containing it and creates the windows it defines; each
// affected window is recomputed from the records buffered for its key and forwarded.
// Windows are inclusive, so one closes once stream time > end + grace.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { WindowEntry, WindowStore } from "../../state/window-store";
import type { SlidingWindows } from "../sliding-windows";
import type { Aggregator, Initializer } from "./stream-aggregate";

export function slidingAggregateProcessor(
  name: string,
  storeName: string,
  bufferName: string,
  windows: SlidingWindows,
  init: Initializer | undefined,
  aggregator: Aggregator,
): ProcessorFactory {
  const d = windows.timeDifferenceMs;
  return (ctx, out) => {
    const store = ctx.getStore<WindowStore>(storeName);
    const buffer = ctx.getStore<WindowStore>(bufferName);
    const counters = ctx.metrics.node(name);
    let observed = Number.NEGATIVE_INFINITY;

    const fold = (records: WindowEntry<unknown, unknown>[], key: unknown) => {
      let agg: unknown = init === undefined ? undefined : init();
      let ts = 0;
      records.forEach((r, i) => {
        agg = i === 0 && init === undefined ? r.value : aggregator(key, r.value, agg);
        if (r.start > ts) ts = r.start;
      });
      return { agg, ts };
    };

    return (key, value, ts) => {
      if (key === null || key === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      if (ts > observed) observed = ts;
      const closeTime = observed - windows.graceMs;
      if (ts + d < closeTime) {
        counters.dropped++;
        return;
      }
      buffer.put(key, value, ts, ts);
      const records = buffer.fetchRange(key, ts - 2 * d - 1, ts + 2 * d + 1);
      const starts = new Set<number>([Math.max(0, ts - d)]);
      for (const r of records) {
        if (r.start < ts && ts <= r.start + 1 + d) starts.add(r.start + 1);
        if (r.start > ts && r.start - d <= ts) starts.add(Math.max(0, r.start - d));
      }
      if (records.some((r) => r.start > ts && r.start <= ts + 1 + d)) starts.add(ts + 1);
      let updated = false;
      for (const start of [...starts].sort((a, b) => a - b)) {
        const end = start + d;
        if (end < closeTime) continue;
        const inWindow = records.filter((r) => r.start >= start && r.start <= end);
        if (inWindow.length === 0) continue;
        const old = store.fetch(key, start);
        const { agg, ts: windowTs } = fold(inWindow, key);
        if (start === ts + 1 && old !== undefined) continue;
        const oldAgg = old?.value ?? null; // read before the put updates the entry in place
        store.put(key, agg, start, windowTs);
        out.all({ key, window: { start, end } }, new Change(agg, oldAgg), windowTs);
        updated = true;
      }
      if (!updated) counters.dropped++;
    };
  };
}
