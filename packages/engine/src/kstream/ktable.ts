// KTable: a changelog stream of upserts. Processors forward Change(new, old); each table
// carries a value getter so joins and derived tables can read the current value of a key.

import { jsonSerde } from "../serde/json-serde";
import { inMemoryKeyValueStore } from "../state/key-value-store";
import type { Grouped } from "./grouped";
import { changeSerde } from "./internals/change-serde";
import {
  responseResolver,
  rightUpdateProcessor,
  subscriptionProcessor,
  subscriptionSender,
} from "./internals/foreign-key-join";
import type { GraphNode } from "./internals/graph-node";
import type { InternalStreamsBuilder, Serdes } from "./internals/internal-builder";
import type { JoinType } from "./internals/join-type";
import { repartitionNode } from "./internals/repartition-node";
import type { Predicate } from "./internals/stream-filter";
import type { KeyValue } from "./internals/stream-map";
import type { ValueMapper } from "./internals/stream-map-values";
import { mergeProcessor } from "./internals/stream-merge";
import type { ValueJoiner } from "./internals/stream-stream-join";
import { tableFilterProcessor } from "./internals/table-filter";
import { tableGroupByProcessor } from "./internals/table-group-by";
import { tableMapValuesProcessor } from "./internals/table-map-values";
import { suppressProcessor } from "./internals/table-suppress";
import { tableTableJoinGetter, tableTableJoinProcessor } from "./internals/table-table-join";
import { toStreamProcessor } from "./internals/table-to-stream";
import { mappedGetter, storeGetter, type ValueGetterSupplier } from "./internals/value-getter";
import { KGroupedTable } from "./kgrouped-table";
import { KStream } from "./kstream";
import type { Named } from "./named";
import type { Suppressed } from "./suppressed";

export interface KTableInfo {
  /** The store holding this table, when it is materialized. */
  storeName?: string;
  /** Grace of the windows a windowed table comes from (suppress untilWindowCloses needs it). */
  graceMs?: number;
}

export class KTable<K = any, V = any> {
  constructor(
    readonly builder: InternalStreamsBuilder,
    readonly node: GraphNode,
    readonly serdes: Serdes,
    readonly getter: ValueGetterSupplier,
    readonly info: KTableInfo = {},
  ) {}

  get queryableStoreName(): string | undefined {
    return this.info.storeName;
  }

  filter(predicate: Predicate<K, V>, named?: Named): KTable<K, V> {
    return this.filtered(predicate, false, named);
  }

  filterNot(predicate: Predicate<K, V>, named?: Named): KTable<K, V> {
    return this.filtered(predicate, true, named);
  }

  mapValues<VR>(mapper: ValueMapper<V, K, VR>, named?: Named): KTable<K, VR> {
    const node = this.add("KTABLE-MAPVALUES", tableMapValuesProcessor(mapper), named);
    return this.derive(
      node,
      mappedGetter(this.getter, (k, v, ts) => mapper(v as V, k as K, ts)),
    );
  }

  toStream(named?: Named): KStream<K, V> {
    const node = this.add("KTABLE-TOSTREAM", toStreamProcessor, named);
    return new KStream(this.builder, node, this.serdes, false);
  }

  /** Re-keys rows into groups; always repartitions. */
  groupBy<KR, VR>(
    selector: (key: K, value: V, timestamp: number) => KeyValue<KR, VR>,
    grouped?: Grouped,
  ): KGroupedTable<KR, VR> {
    const b = this.builder;
    const name = grouped?.name ?? b.newName("KTABLE-AGGREGATE-STATE-STORE");
    const mapped = this.add("KTABLE-SELECT", tableGroupByProcessor(selector));
    const serdes = {
      keySerde: grouped?.keySerde ?? b.defaults.keySerde,
      valueSerde: changeSerde(),
    };
    const node = repartitionNode(b, mapped, name, serdes);
    return new KGroupedTable(b, node, {
      ...serdes,
      valueSerde: grouped?.valueSerde ?? b.defaults.valueSerde,
    });
  }

  join<VO, VR>(other: KTable<K, VO>, joiner: ValueJoiner<V, VO, VR>, named?: Named): KTable<K, VR>;
  join<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKey: (value: V) => KO,
    joiner: ValueJoiner<V, VO, VR>,
    named?: Named,
  ): KTable<K, VR>;
  join(other: KTable, a: any, b?: any, c?: any): KTable {
    return typeof b === "function"
      ? this.foreignKeyJoin("inner", other, a, b, c)
      : this.tableJoin("inner", other, a, b);
  }

  leftJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: ValueJoiner<V, VO | null, VR>,
    named?: Named,
  ): KTable<K, VR>;
  leftJoin<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKey: (value: V) => KO,
    joiner: ValueJoiner<V, VO | null, VR>,
    named?: Named,
  ): KTable<K, VR>;
  leftJoin(other: KTable, a: any, b?: any, c?: any): KTable {
    return typeof b === "function"
      ? this.foreignKeyJoin("left", other, a, b, c)
      : this.tableJoin("left", other, a, b);
  }

  outerJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: ValueJoiner<V | null, VO | null, VR>,
    named?: Named,
  ): KTable<K, VR> {
    return this.tableJoin("outer", other, joiner, named);
  }

  /** Holds updates back: until the window closes, or for a time limit. */
  suppress(suppressed: Suppressed): KTable<K, V> {
    const b = this.builder;
    const name = suppressed.name ?? b.newName("KTABLE-SUPPRESS");
    const storeName = b.addStore(inMemoryKeyValueStore(`${name}-store`));
    if (suppressed.until === "window-close" && this.info.graceMs === undefined) {
      throw new Error("suppress(untilWindowCloses) needs a windowed KTable");
    }
    const node = b.addNode(
      {
        name,
        processor: suppressProcessor(storeName, suppressed, this.info.graceMs ?? 0),
        stores: [storeName],
      },
      [this.node],
    );
    return new KTable(b, node, this.serdes, this.getter, this.info);
  }

  private tableJoin(type: JoinType, other: KTable, joiner: ValueJoiner, named?: Named): KTable {
    const b = this.builder;
    const name = named?.name ?? b.newName("KTABLE-JOIN");
    const stores = [...this.getter.stores, ...other.getter.stores];
    const side = (isLeft: boolean) =>
      b.addNode(
        {
          name: `${name}-${isLeft ? "this" : "other"}`,
          processor: tableTableJoinProcessor(
            type,
            isLeft,
            isLeft ? other.getter : this.getter,
            joiner,
          ),
          stores,
          copartition: true,
        },
        [isLeft ? this.node : other.node],
      );
    const node = b.addNode({ name, processor: mergeProcessor }, [side(true), side(false)]);
    return new KTable(
      b,
      node,
      { ...this.serdes, valueSerde: b.defaults.valueSerde },
      tableTableJoinGetter(type, this.getter, other.getter, joiner),
    );
  }

  private foreignKeyJoin(
    type: "inner" | "left",
    other: KTable,
    extract: (v: any) => unknown,
    joiner: ValueJoiner,
    named?: Named,
  ): KTable {
    const b = this.builder;
    const name = named?.name ?? b.newName("KTABLE-FK-JOIN");
    const json = { keySerde: other.serdes.keySerde, valueSerde: jsonSerde() };
    const sender = b.addNode(
      { name: `${name}-subscription-sender`, processor: subscriptionSender(extract) },
      [this.node],
    );
    const subscriptions = repartitionNode(b, sender, `${name}-subscription-registration`, json);
    const subStore = b.addStore(inMemoryKeyValueStore(`${name}-subscription-store`));
    const leftJoin = type === "left";
    const atFk = b.addNode(
      {
        name: `${name}-subscription-processor`,
        processor: subscriptionProcessor(subStore, other.getter, joiner, leftJoin),
        stores: [subStore, ...other.getter.stores],
      },
      [subscriptions],
    );
    const onRight = b.addNode(
      {
        name: `${name}-right-update`,
        processor: rightUpdateProcessor(subStore, joiner, leftJoin),
        stores: [subStore],
      },
      [other.node],
    );
    const responses = repartitionNode(
      b,
      b.addNode({ name: `${name}-response-merge`, processor: mergeProcessor }, [atFk, onRight]),
      `${name}-subscription-response`,
      { keySerde: this.serdes.keySerde, valueSerde: jsonSerde() },
    );
    const resultStore = b.addStore(inMemoryKeyValueStore(`${name}-result-store`));
    const node = b.addNode(
      {
        name,
        processor: responseResolver(resultStore, this.getter, extract),
        stores: [resultStore, ...this.getter.stores],
      },
      [responses],
    );
    return new KTable(
      b,
      node,
      { ...this.serdes, valueSerde: b.defaults.valueSerde },
      storeGetter(resultStore),
      { storeName: resultStore },
    );
  }

  private filtered(predicate: Predicate<K, V>, negate: boolean, named?: Named): KTable<K, V> {
    const node = this.add("KTABLE-FILTER", tableFilterProcessor(predicate, negate), named);
    return this.derive(
      node,
      mappedGetter(this.getter, (k, v, ts) =>
        predicate(k as K, v as V, ts) !== negate ? v : null,
      ),
    );
  }

  private add(prefix: string, processor: GraphNode["processor"], named?: Named): GraphNode {
    return this.builder.addNode({ name: named?.name ?? this.builder.newName(prefix), processor }, [
      this.node,
    ]);
  }

  private derive(node: GraphNode, getter: ValueGetterSupplier): KTable<any, any> {
    return new KTable(this.builder, node, this.serdes, getter, { graceMs: this.info.graceMs });
  }
}
