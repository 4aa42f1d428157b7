// KTable materialization (Kafka's KTableSource, also KStream#toTable): upserts into the store
// and forwards Change(new, old); a null value deletes the key. A tombstone for an absent key
// changes nothing and is not forwarded.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { KeyValueStore } from "../../state/key-value-store";

export function tableSourceProcessor(name: string, storeName: string): ProcessorFactory {
  return (ctx, out) => {
    const store = ctx.getStore<KeyValueStore>(storeName);
    const counters = ctx.metrics.node(name);
    return (key, value, ts) => {
      if (key === null || key === undefined) {
        counters.dropped++;
        return;
      }
      const old = store.get(key)?.value ?? null;
      if (value === null || value === undefined) {
        if (old === null) return;
        store.delete(key, ts);
        out.all(key, new Change(null, old), ts);
        return;
      }
      store.put(key, value, ts);
      out.all(key, new Change(value, old), ts);
    };
  };
}
