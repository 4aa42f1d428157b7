// KGroupedStream: a stream grouped by key, ready to aggregate (count, reduce, aggregate),
// window or cogroup.

import { CogroupedKStream } from "./cogrouped-kstream";
import { keyedAggregation } from "./internals/aggregate-builder";
import type { GraphNode } from "./internals/graph-node";
import type { InternalStreamsBuilder, Serdes } from "./internals/internal-builder";
import {
  type Aggregator,
  type Initializer,
  type Reducer,
  streamAggregateProcessor,
} from "./internals/stream-aggregate";
import type { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";
import { SessionWindowedKStream } from "./session-windowed-kstream";
import type { SessionWindows } from "./session-windows";
import type { SlidingWindows } from "./sliding-windows";
import { TimeWindowedKStream } from "./time-windowed-kstream";
import type { TimeWindows } from "./time-windows";

export const countAggregator: Aggregator<unknown, unknown, number> = (_k, _v, n) => n + 1;
export const zero = () => 0;

export class KGroupedStream<K = any, V = any> {
  constructor(
    readonly builder: InternalStreamsBuilder,
    readonly node: GraphNode,
    readonly serdes: Serdes,
  ) {}

  count(named?: Named, materialized?: Materialized): KTable<K, number> {
    return this.aggregate(zero, countAggregator, materialized, named);
  }

  reduce(reducer: Reducer<V>, materialized?: Materialized, named?: Named): KTable<K, V> {
    return keyedAggregation(
      this,
      (name, store) =>
        streamAggregateProcessor(name, store, undefined, (_k, v, agg) => reducer(agg, v)),
      materialized,
      named,
    );
  }

  aggregate<A>(
    initializer: Initializer<A>,
    aggregator: Aggregator<K, V, A>,
    materialized?: Materialized,
    named?: Named,
  ): KTable<K, A> {
    return keyedAggregation(
      this,
      (name, store) => streamAggregateProcessor(name, store, initializer, aggregator),
      materialized,
      named,
    );
  }

  windowedBy(windows: TimeWindows | SlidingWindows): TimeWindowedKStream<K, V>;
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>;
  windowedBy(windows: TimeWindows | SlidingWindows | SessionWindows): any {
    return "gapMs" in windows
      ? new SessionWindowedKStream(this, windows)
      : new TimeWindowedKStream(this, windows);
  }

  cogroup<A>(aggregator: Aggregator<K, V, A>): CogroupedKStream<K, A> {
    return new CogroupedKStream<K, A>(this.builder).cogroup(this, aggregator);
  }
}
