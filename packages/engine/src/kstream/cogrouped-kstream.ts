// CogroupedKStream: several grouped streams updating one aggregate (Kafka's cogroup). Each
// input gets its own aggregator processor; all share one store and feed one output node.

import type { ProcessorFactory } from "../processor/processor";
import { inMemoryKeyValueStore } from "../state/key-value-store";
import { inMemoryWindowStore } from "../state/window-store";
import { aggregateStoreName, loggingEnabled } from "./internals/aggregate-builder";
import type { InternalStreamsBuilder } from "./internals/internal-builder";
import {
  type Aggregator,
  type Initializer,
  streamAggregateProcessor,
} from "./internals/stream-aggregate";
import { mergeProcessor } from "./internals/stream-merge";
import { windowAggregateProcessor } from "./internals/stream-window-aggregate";
import { storeGetter } from "./internals/value-getter";
import type { KGroupedStream } from "./kgrouped-stream";
import { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";
import type { TimeWindows } from "./time-windows";

export class CogroupedKStream<K = any, A = any> {
  private readonly inputs: { grouped: KGroupedStream<K, any>; aggregator: Aggregator }[] = [];
  private windows: TimeWindows | undefined;

  constructor(private readonly builder: InternalStreamsBuilder) {}

  cogroup<V>(grouped: KGroupedStream<K, V>, aggregator: Aggregator<K, V, A>): this {
    this.inputs.push({ grouped, aggregator });
    return this;
  }

  /** Windowed cogroup (Kafka's TimeWindowedCogroupedKStream). */
  windowedBy(windows: TimeWindows): this {
    this.windows = windows;
    return this;
  }

  aggregate(initializer: Initializer<A>, materialized?: Materialized, named?: Named): KTable<K, A> {
    const b = this.builder;
    const w = this.windows;
    const storeName = aggregateStoreName(b, materialized);
    const logged = loggingEnabled(materialized);
    // Kafka's TimeWindowedCogroupedKStream: retention is Materialized's, at least size + grace.
    const retention = (t: TimeWindows) =>
      Math.max(materialized?.options.retentionMs ?? 0, t.sizeMs + t.graceMs);
    b.addStore(
      w
        ? inMemoryWindowStore(storeName, retention(w), false, logged)
        : inMemoryKeyValueStore(storeName, logged),
    );
    const name = named?.name ?? b.newName("COGROUPKSTREAM-AGGREGATE");
    const processor = (aggregator: Aggregator): ProcessorFactory =>
      w
        ? windowAggregateProcessor(name, storeName, w, initializer, aggregator)
        : streamAggregateProcessor(name, storeName, initializer, aggregator);
    const parts = this.inputs.map(({ grouped, aggregator }, i) =>
      b.addNode({ name: `${name}-${i}`, processor: processor(aggregator), stores: [storeName] }, [
        grouped.node,
      ]),
    );
    const node = b.addNode({ name, processor: mergeProcessor }, parts);
    const serdes = {
      keySerde: this.inputs[0].grouped.serdes.keySerde,
      valueSerde: b.defaults.valueSerde,
    };
    return new KTable(b, node, serdes, storeGetter(storeName), { storeName, graceMs: w?.graceMs });
  }
}
