// KGroupedTable: a re-grouped table; aggregations take an adder and a subtractor because a
// row moving between groups must leave its old group.
import { keyedAggregation } from "./internals/aggregate-builder";
import type { GraphNode } from "./internals/graph-node";
import type { InternalStreamsBuilder, Serdes } from "./internals/internal-builder";
import type { Aggregator, Initializer, Reducer } from "./internals/stream-aggregate";
import { tableAggregateProcessor } from "./internals/table-aggregate";
import type { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";

export class KGroupedTable<K = any, V = any> {
  constructor(
    readonly builder: InternalStreamsBuilder,
    readonly node: GraphNode,
    readonly serdes: Serdes,
  ) {}

  count(named?: Named, materialized?: Materialized): KTable<K, number> {
    return this.aggregate(
      () => 0,
      (_k, _v, n: number) => n + 1,
      (_k, _v, n: number) => n - 1,
      materialized,
      named,
    );
  }

  reduce(
    adder: Reducer<V>,
    subtractor: Reducer<V>,
    materialized?: Materialized,
    named?: Named,
  ): KTable<K, V> {
    return keyedAggregation(
      this,
      (name, store) =>
        tableAggregateProcessor(
          name,
          store,
          undefined,
          (_k, v, agg) => adder(agg, v),
          (_k, v, agg) => subtractor(agg, v),
        ),
      materialized,
      named,
    );
  }

  aggregate<A>(
    initializer: Initializer<A>,
    adder: Aggregator<K, V, A>,
    subtractor: Aggregator<K, V, A>,
    materialized?: Materialized,
    named?: Named,
  ): KTable<K, A> {
    return keyedAggregation(
      this,
      (name, store) => tableAggregateProcessor(name, store, initializer, adder, subtractor),
      materialized,
      named,
    );
  }
}
