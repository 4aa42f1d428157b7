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
      inMemoryKeyValueStore(storeName, materialized?.options.loggingEnabled ?? true),
  );
  const name = named?.name ?? b.newName("KSTREAM-AGGREGATE");
  const node = b.addNode({ name, processor: processor(name, storeName), stores: [storeName] }, [
    target.node,
  ]);
  return new KTable(b, node, valueSerdes(target, materialized), storeGetter(storeName), {
    storeName,
  });
}

/** Adds a windowed aggregation node; `store` builds the window or session store supplier. */
export function windowedAggregation(
  target: AggregationTarget,
  store: (name: string) => StoreSupplier,
  processor: (name: string, storeName: string) => ProcessorFactory,
  graceMs: number,
  materialized?: Materialized,
  named?: Named,
  extraStores: StoreSupplier[] = [],
): KTable {
  const b = target.builder;
  const storeName = b.addStore(store(aggregateStoreName(b, materialized)));
  for (const s of extraStores) b.addStore(s);
  const name = named?.name ?? b.newName("KSTREAM-AGGREGATE");
  const node = b.addNode(
    {
      name,
      processor: processor(name, storeName),
      stores: [storeName, ...extraStores.map((s) => s.name)],
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
