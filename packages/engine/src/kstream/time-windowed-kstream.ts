// TimeWindowedKStream: aggregations over tumbling, hopping or sliding windows; the result is
// a KTable keyed by Windowed<K>.

import type { Windowed } from "../processor/processor";
import { inMemoryWindowStore } from "../state/window-store";
import { windowedAggregation } from "./internals/aggregate-builder";
import type { Aggregator, Initializer, Reducer } from "./internals/stream-aggregate";
import { slidingAggregateProcessor } from "./internals/stream-sliding-window-aggregate";
import { windowAggregateProcessor } from "./internals/stream-window-aggregate";
import { countAggregator, type KGroupedStream, zero } from "./kgrouped-stream";
import type { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";
import type { SlidingWindows } from "./sliding-windows";
import { TimeWindows } from "./time-windows";

export class TimeWindowedKStream<K = any, V = any> {
  constructor(
    private readonly grouped: KGroupedStream<K, V>,
    readonly windows: TimeWindows | SlidingWindows,
  ) {}

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
      return windowedAggregation(
        this.grouped,
        (name) => inMemoryWindowStore(name, retention(w.sizeMs)),
        (name, store) => windowAggregateProcessor(name, store, w, init, aggregator),
        w.graceMs,
        materialized,
        named,
      );
    }
    const bufferName = this.grouped.builder.newName("KSTREAM-SLIDING-BUFFER");
    const bufferRetention = 2 * w.timeDifferenceMs + w.graceMs + 2;
    return windowedAggregation(
      this.grouped,
      (name) => inMemoryWindowStore(name, retention(w.timeDifferenceMs + 1)),
      (name, store) => slidingAggregateProcessor(name, store, bufferName, w, init, aggregator),
      w.graceMs,
      materialized,
      named,
      [inMemoryWindowStore(bufferName, bufferRetention, true)],
    );
  }
}
