// KGroupedTable#aggregate / #reduce / #count (Kafka's KTableAggregate and KTableReduce): the
// old value is subtracted, then the new value added; every result is forwarded.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { KeyValueStore } from "../../state/key-value-store";
import type { Aggregator, Initializer } from "./stream-aggregate";

export function tableAggregateProcessor(
  name: string,
  storeName: string,
  init: Initializer | undefined,
  adder: Aggregator,
  subtractor: Aggregator,
): ProcessorFactory {
  return (ctx, out) => {
    const store = ctx.getStore<KeyValueStore>(storeName);
    const counters = ctx.metrics.node(name);
    return (key, value, ts) => {
      const change = value as Change;
      if (key === null || key === undefined) {
        counters.dropped++;
        return;
      }
      const old = store.get(key);
      const oldAgg = old === undefined ? null : old.value;
      let newTs = ts;
      let agg: unknown = oldAgg;
      if (change.oldValue !== null && oldAgg !== null) {
        agg = subtractor(key, change.oldValue, oldAgg);
        newTs = Math.max(ts, old!.timestamp);
      }
      if (change.newValue !== null) {
        agg =
          agg === null && init === undefined
            ? change.newValue
            : adder(key, change.newValue, agg === null ? init!() : agg);
        if (old !== undefined) newTs = Math.max(ts, old.timestamp);
      }
      if (agg === null) store.delete(key, newTs);
      else store.put(key, agg, newTs);
      out.all(key, new Change(agg, oldAgg), newTs);
    };
  };
}
