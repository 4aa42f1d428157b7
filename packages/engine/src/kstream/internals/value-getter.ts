// KTable value getters (Kafka's KTableValueGetterSupplier): how a join or a derived table
// reads the current value of a key, through the stores it names.
import type { TaskContext } from "../../processor/task-context";
import type { KeyValueStore } from "../../state/key-value-store";
import type { Timestamped } from "../../state/store";

export type ValueGetter = (key: unknown) => Timestamped<unknown> | undefined;

export interface ValueGetterSupplier {
  readonly stores: string[];
  get(ctx: TaskContext): ValueGetter;
}

export function storeGetter(storeName: string): ValueGetterSupplier {
  return {
    stores: [storeName],
    get: (ctx) => {
      const store = ctx.getStore<KeyValueStore>(storeName);
      return (key) => store.get(key);
    },
  };
}

/** A getter that transforms the parent's value; null results read as absent. */
export function mappedGetter(
  parent: ValueGetterSupplier,
  map: (key: unknown, value: unknown, timestamp: number) => unknown,
): ValueGetterSupplier {
  return {
    stores: parent.stores,
    get: (ctx) => {
      const get = parent.get(ctx);
      return (key) => {
        const found = get(key);
        if (found === undefined) return undefined;
        const value = map(key, found.value, found.timestamp);
        return value === null || value === undefined
          ? undefined
          : { value, timestamp: found.timestamp };
      };
    },
  };
}
