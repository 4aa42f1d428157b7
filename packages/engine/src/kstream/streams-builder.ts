// StreamsBuilder: the entry point of the DSL. Sources add nodes to the logical graph;
// `build()` turns the graph into a runtime Topology.

import { recordTimestamp } from "../processor/timestamp-extractor";
import { buildTopology, type Topology, type TopologyConfig } from "../processor/topology";
import { jsonSerde } from "../serde/json-serde";
import type { Serde } from "../serde/serde";
import { inMemoryKeyValueStore } from "../state/key-value-store";
import type { StoreSupplier } from "../state/store";
import type { Consumed } from "./consumed";
import { GlobalKTable } from "./global-ktable";
import { InternalStreamsBuilder } from "./internals/internal-builder";
import { tableSourceProcessor } from "./internals/table-source";
import { storeGetter } from "./internals/value-getter";
import { KStream } from "./kstream";
import { KTable } from "./ktable";
import type { Materialized } from "./materialized";

export interface StreamsBuilderOptions {
  /** Default key serde (JSON unless set), as Kafka's default.key.serde. */
  defaultKeySerde?: Serde;
  defaultValueSerde?: Serde;
}

export class StreamsBuilder {
  readonly internal: InternalStreamsBuilder;

  constructor(options: StreamsBuilderOptions = {}) {
    this.internal = new InternalStreamsBuilder({
      keySerde: options.defaultKeySerde ?? jsonSerde(),
      valueSerde: options.defaultValueSerde ?? jsonSerde(),
    });
  }

  /** Reads one or more topics as a KStream. */
  stream<K = any, V = any>(topics: string | string[], consumed?: Consumed): KStream<K, V> {
    const o = consumed?.options ?? {};
    const serdes = {
      keySerde: o.keySerde ?? this.internal.defaults.keySerde,
      valueSerde: o.valueSerde ?? this.internal.defaults.valueSerde,
    };
    const node = this.internal.addNode(
      {
        name: o.name ?? this.internal.newName("KSTREAM-SOURCE"),
        source: {
          topics: typeof topics === "string" ? [topics] : topics,
          ...serdes,
          timestamp: o.timestampExtractor ?? recordTimestamp,
        },
      },
      [],
    );
    return new KStream<K, V>(this.internal, node, serdes, false);
  }

  /** Reads a topic as a KTable: the latest value per key, null deletes. */
  table<K = any, V = any>(
    topic: string,
    consumed?: Consumed,
    materialized?: Materialized,
  ): KTable<K, V> {
    const name = consumed?.options.name;
    const stream = this.stream<K, V>(topic, name ? consumed.withName(`${name}-source`) : consumed);
    const storeName =
      materialized?.options.storeName ??
      `${topic}-STATE-STORE-${this.internal.newName("").slice(1)}`;
    this.internal.addStore(
      materialized?.options.supplier ??
        inMemoryKeyValueStore(storeName, materialized?.options.loggingEnabled ?? true),
    );
    const tableName = name ?? this.internal.newName("KTABLE-SOURCE");
    const node = this.internal.addNode(
      {
        name: tableName,
        processor: tableSourceProcessor(tableName, storeName),
        stores: [storeName],
      },
      [stream.node],
    );
    return new KTable<K, V>(this.internal, node, stream.serdes, storeGetter(storeName), {
      storeName,
    });
  }

  /** Reads every partition of a topic on every task (no co-partitioning needed). */
  globalTable<K = any, V = any>(
    topic: string,
    consumed?: Consumed,
    materialized?: Materialized,
  ): GlobalKTable<K, V> {
    const o = consumed?.options ?? {};
    const source = this.internal.addNode(
      {
        name: o.name ? `${o.name}-source` : this.internal.newName("KSTREAM-SOURCE"),
        source: {
          topics: [topic],
          keySerde: o.keySerde ?? this.internal.defaults.keySerde,
          valueSerde: o.valueSerde ?? this.internal.defaults.valueSerde,
          timestamp: recordTimestamp,
          global: true,
        },
      },
      [],
    );
    const storeName = materialized?.options.storeName ?? `${topic}-GLOBAL-STORE`;
    this.internal.addStore(inMemoryKeyValueStore(storeName, false));
    const name = o.name ?? this.internal.newName("KTABLE-SOURCE");
    this.internal.addNode(
      { name, processor: tableSourceProcessor(name, storeName), stores: [storeName] },
      [source],
    );
    return new GlobalKTable<K, V>(storeName);
  }

  /** Registers a store for KStream#process processors (Kafka's StreamsBuilder#addStateStore). */
  addStateStore(supplier: StoreSupplier): this {
    this.internal.addStore(supplier);
    return this;
  }

  build(config: TopologyConfig = { applicationId: "riffle" }): Topology {
    return buildTopology(this.internal, config);
  }
}
