// TimeWindowedKStream: aggregations over tumbling, hopping or sliding windows; the result is
// a KTable keyed by Windowed<K>, updated per record or (onWindowClose) once per closed window.

import type { Windowed } from "../processor/processor";
import { inMemoryWindowStore } from "../state/window-store";
import { EmitStrategy } from "./emit-strategy";
import { windowedAggregation } from "./internals/aggregate-builder";
import type { Aggregator, Initializer, Reducer } from "./internals/stream-aggregate";
import { slidingAggregateProcessor } from "./internals/stream-sliding-window-aggregate";
import { windowAggregateProcessor } from "./internals/stream-window-aggregate";
import { lastEmitCloseStore, windowCloseEmit } from "./internals/window-close-emit";
import { countAggregator, type KGroupedStream, zero } from "./kgrouped-stream";
import type { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";
import type { SlidingWindows } from "./sliding-windows";
import { TimeWindows } from "./time-windows";

export { EmitStrategy };

export class TimeWindowedKStream<K = any, V = any> {
  constructor(
    private readonly grouped: KGroupedStream<K, V>,
    readonly windows: TimeWindows | SlidingWindows,
    readonly strategy: EmitStrategy = EmitStrategy.onWindowUpdate(),
  ) {}

  /** Kafka's TimeWindowedKStream#emitStrategy; onWindowClose needs tumbling or hopping windows. */
  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V> {
    if (strategy.type === "on-window-close" && !(this.windows instanceof TimeWindows)) {
      throw new Error(
        "EmitStrategy.onWindowClose() is supported on tumbling and hopping windows only",
      );
    }
    return new TimeWindowedKStream(this.grouped, this.windows, strategy);
  }

  count(named?: Named, materialized?: Materialized): KTable<Windowed<K>, number> {
    return this.aggregate(zero, countAggregator, materialized, named);
  }

  reduce(reducer: Reducer<V>, materialized?: Materialized, named?: Named): KTable<Windowed<K>, V> {
    return this.build(undefined, (_k, v, agg) => reducer(agg, v), materialized, named);
  }

  aggregate<A>(
    initializer: Initializer<A>,
    aggregator: Aggregator<K, V, A>,
    materialized?: Materialized,
    named?: Named,
  ): KTable<Windowed<K>, A> {
    return this.build(initializer, aggregator, materialized, named);
  }

  private build(
    init: Initializer | undefined,
    aggregator: Aggregator,
    materialized?: Materialized,
    named?: Named,
  ) {
    const w = this.windows;
    const retention = (size: number) =>
      Math.max(materialized?.options.retentionMs ?? 0, size + w.graceMs);
    if (w instanceof TimeWindows) {
      const onClose = this.strategy.type === "on-window-close";
      return windowedAggregation(
        this.grouped,
        // on close, windows are read back while start >= stream time - retention (one more ms)
        (name, logged) =>
          inMemoryWindowStore(name, retention(w.sizeMs) + (onClose ? 1 : 0), false, logged),
        (name, store) => {
          const update = windowAggregateProcessor(name, store, w, init, aggregator);
          return onClose ? windowCloseEmit(update, store, w) : update;
        },
        w.graceMs,
        materialized,
        named,
        onClose ? [(logged, store) => lastEmitCloseStore(store, logged)] : [],
      );
    }
    const bufferName = this.grouped.builder.newName("KSTREAM-SLIDING-BUFFER");
    const bufferRetention = 2 * w.timeDifferenceMs + w.graceMs + 2;
    return windowedAggregation(
      this.grouped,
      (name, logged) => inMemoryWindowStore(name, retention(w.timeDifferenceMs + 1), false, logged),
      (name, store) => slidingAggregateProcessor(name, store, bufferName, w, init, aggregator),
      w.graceMs,
      materialized,
      named,
      [(logged) => inMemoryWindowStore(bufferName, bufferRetention, true, logged)],
    );
  }
}
