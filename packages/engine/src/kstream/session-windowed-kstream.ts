// SessionWindowedKStream: aggregations over session windows, merging sessions with a Merger.
import type { Windowed } from "../processor/processor";
import { inMemorySessionStore } from "../state/session-store";
import { windowedAggregation } from "./internals/aggregate-builder";
import type { Aggregator, Initializer, Reducer } from "./internals/stream-aggregate";
import {
  type Merger,
  sessionAggregateProcessor,
} from "./internals/stream-session-window-aggregate";
import { countAggregator, type KGroupedStream, zero } from "./kgrouped-stream";
import type { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";
import type { SessionWindows } from "./session-windows";

export class SessionWindowedKStream<K = any, V = any> {
  constructor(
    private readonly grouped: KGroupedStream<K, V>,
    readonly windows: SessionWindows,
  ) {}

  count(named?: Named, materialized?: Materialized): KTable<Windowed<K>, number> {
    return this.aggregate(
      zero,
      countAggregator,
      (_k, a: number, b: number) => a + b,
      materialized,
      named,
    );
  }

  /** Reduce: sessions merge by reducing their aggregates. */
  reduce(reducer: Reducer<V>, materialized?: Materialized, named?: Named): KTable<Windowed<K>, V> {
    const none = Symbol("none");
    const combine = (a: any, b: any) => (a === none ? b : b === none ? a : reducer(a, b));
    return this.aggregate(
      () => none as any,
      (_k, v, agg) => combine(agg, v),
      (_k, a, b) => combine(a, b),
      materialized,
      named,
    );
  }

  aggregate<A>(
    initializer: Initializer<A>,
    aggregator: Aggregator<K, V, A>,
    merger: Merger<K, A>,
    materialized?: Materialized,
    named?: Named,
  ): KTable<Windowed<K>, A> {
    const w = this.windows;
    const retention = Math.max(materialized?.options.retentionMs ?? 0, w.gapMs + w.graceMs);
    return windowedAggregation(
      this.grouped,
      (name, logged) => inMemorySessionStore(name, retention, logged),
      (name, store) => sessionAggregateProcessor(name, store, w, initializer, aggregator, merger),
      // a session closes gap + grace after its end (Kafka's GraphGraceSearchUtil): suppress waits that long
      w.gapMs + w.graceMs,
      materialized,
      named,
    );
  }
}
