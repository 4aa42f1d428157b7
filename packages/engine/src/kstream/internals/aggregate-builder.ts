// Shared plumbing of the aggregation DSL: store naming and registration, and wrapping an
// aggregation processor as a KTable (keyed or windowed) with its value getter.

import type { ProcessorFactory, Windowed } from "../../processor/processor";
import { inMemoryKeyValueStore } from "../../state/key-value-store";
import type { StoreSupplier } from "../../state/store";
import type { WindowStore } from "../../state/window-store";
import { KTable } from "../ktable";
import type { Materialized } from "../materialized";
import type { Named } from "../named";
import type { GraphNode } from "./graph-node";
import type { InternalStreamsBuilder, Serdes } from "./internal-builder";
import { storeGetter, type ValueGetterSupplier } from "./value-getter";

export interface AggregationTarget {
  builder: InternalStreamsBuilder;
  node: GraphNode;
  serdes: Serdes;
}

export function aggregateStoreName(
  builder: InternalStreamsBuilder,
  materialized: Materialized | undefined,
): string {
  return materialized?.options.storeName ?? builder.newName("KSTREAM-AGGREGATE-STATE-STORE");
}

/** Kafka's Materialized#withLoggingDisabled: the store then has no changelog topic. */
export function loggingEnabled(materialized: Materialized | undefined): boolean {
  return materialized?.options.loggingEnabled ?? true;
}

/** Adds a keyed aggregation node over a key-value store and returns its KTable. */
export function keyedAggregation(
  target: AggregationTarget,
  processor: (name: string, storeName: string) => ProcessorFactory,
  materialized?: Materialized,
  named?: Named,
): KTable {
  const b = target.builder;
  const storeName = aggregateStoreName(b, materialized);
  b.addStore(
    materialized?.options.supplier ??
      inMemoryKeyValueStore(storeName, loggingEnabled(materialized)),
  );
  const name = named?.name ?? b.newName("KSTREAM-AGGREGATE");
  const node = b.addNode({ name, processor: processor(name, storeName), stores: [storeName] }, [
    target.node,
  ]);
  return new KTable(b, node, valueSerdes(target, materialized), storeGetter(storeName), {
    storeName,
  });
}

/**
 * Adds a windowed aggregation node; `store` builds the window or session store supplier, logged
 * unless the Materialized disables logging (then the extra stores are not logged either: they
 * are part of the same aggregation state and restoring them alone would be inconsistent). Extra
 * stores get the aggregate store's name to derive theirs from.
 */
export function windowedAggregation(
  target: AggregationTarget,
  store: (name: string, logged: boolean) => StoreSupplier,
  processor: (name: string, storeName: string) => ProcessorFactory,
  graceMs: number,
  materialized?: Materialized,
  named?: Named,
  extraStores: ((logged: boolean, storeName: string) => StoreSupplier)[] = [],
): KTable {
  const b = target.builder;
  const logged = loggingEnabled(materialized);
  const storeName = b.addStore(store(aggregateStoreName(b, materialized), logged));
  const extra = extraStores.map((s) => s(logged, storeName));
  for (const s of extra) b.addStore(s);
  const name = named?.name ?? b.newName("KSTREAM-AGGREGATE");
  const node = b.addNode(
    {
      name,
      processor: processor(name, storeName),
      stores: [storeName, ...extra.map((s) => s.name)],
    },
    [target.node],
  );
  return new KTable(b, node, valueSerdes(target, materialized), windowGetter(storeName), {
    storeName,
    graceMs,
  });
}

function valueSerdes(target: AggregationTarget, materialized?: Materialized): Serdes {
  return {
    keySerde: materialized?.options.keySerde ?? target.serdes.keySerde,
    valueSerde: materialized?.options.valueSerde ?? target.builder.defaults.valueSerde,
  };
}

function windowGetter(storeName: string): ValueGetterSupplier {
  return {
    stores: [storeName],
    get: (ctx) => {
      const store = ctx.getStore<WindowStore>(storeName);
      return (key) => {
        const w = key as Windowed;
        return store.kind === "window" ? store.fetch(w.key, w.window.start) : undefined;
      };
    },
  };
}
