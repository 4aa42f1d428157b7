// KGroupedStream#aggregate / #reduce / #count (Kafka's KStreamAggregate and KStreamReduce):
// every update is forwarded as a Change; records with a null key or value are dropped.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { KeyValueStore } from "../../state/key-value-store";

export type Initializer<A = any> = () => A;
export type Aggregator<K = any, V = any, A = any> = (key: K, value: V, aggregate: A) => A;
export type Reducer<V = any> = (aggregate: V, value: V) => V;

/** `init` undefined means reduce: the first value becomes the aggregate. */
export function streamAggregateProcessor(
  name: string,
  storeName: string,
  init: Initializer | undefined,
  aggregator: Aggregator,
): ProcessorFactory {
  return (ctx, out) => {
    const store = ctx.getStore<KeyValueStore>(storeName);
    const counters = ctx.metrics.node(name);
    return (key, value, ts) => {
      if (key === null || key === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      const old = store.get(key);
      const oldAgg = old === undefined ? null : old.value;
      const agg =
        oldAgg === null && init === undefined
          ? value
          : aggregator(key, value, oldAgg === null ? init!() : oldAgg);
      const newTs = old === undefined || ts > old.timestamp ? ts : old.timestamp;
      store.put(key, agg, newTs);
      out.all(key, new Change(agg, oldAgg), newTs);
    };
  };
}
