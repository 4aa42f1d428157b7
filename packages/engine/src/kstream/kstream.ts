// KStream: a record stream. Stateless operators add fusable steps or processors to the graph;
// key-changing operators mark the stream for repartitioning, which groupByKey and joins then
// honour by inserting a repartition topic (Kafka Streams' rule).
import type { FusableStep, ProcessorFactory } from "../processor/processor";
import { inMemoryKeyValueStore } from "../state/key-value-store";
import { inMemoryWindowStore } from "../state/window-store";
import { Branched } from "./branched";
import type { GlobalKTable } from "./global-ktable";
import { Grouped } from "./grouped";
import type { GraphNode } from "./internals/graph-node";
import type { InternalStreamsBuilder, Serdes } from "./internals/internal-builder";
import type { JoinType } from "./internals/join-type";
import { repartitionNode } from "./internals/repartition-node";
import { sinkProcessor, type TopicNameExtractor } from "./internals/sink-node";
import { branchProcessor } from "./internals/stream-branch";
import { filterStep, type Predicate } from "./internals/stream-filter";
import { flatMapProcessor, flatMapValuesProcessor } from "./internals/stream-flat-map";
import { type KeyValue, mapProcessor } from "./internals/stream-map";
import { mapValuesStep, type ValueMapper } from "./internals/stream-map-values";
import { mergeProcessor } from "./internals/stream-merge";
import { peekStep } from "./internals/stream-peek";
import { type KeyValueMapper, selectKeyStep } from "./internals/stream-select-key";
import { streamStreamJoinProcessor, type ValueJoiner } from "./internals/stream-stream-join";
import { streamTableJoinProcessor } from "./internals/stream-table-join";
import { tableSourceProcessor } from "./internals/table-source";
import { storeGetter } from "./internals/value-getter";
import type { JoinWindows } from "./join-windows";
import type { Joined } from "./joined";
import { KGroupedStream } from "./kgrouped-stream";
import { KTable } from "./ktable";
import type { Materialized } from "./materialized";
import type { Named } from "./named";
import type { Produced } from "./produced";
import type { Repartitioned } from "./repartitioned";

export class KStream<K = any, V = any> {
  constructor(
    readonly builder: InternalStreamsBuilder,
    readonly node: GraphNode,
    readonly serdes: Serdes,
    /** Set by map, flatMap and selectKey: the key changed, partitioning no longer holds. */
    readonly repartitionRequired: boolean,
  ) {}

  filter(predicate: Predicate<K, V>, named?: Named): KStream<K, V> {
    return this.step("KSTREAM-FILTER", filterStep(predicate, false), named);
  }

  filterNot(predicate: Predicate<K, V>, named?: Named): KStream<K, V> {
    return this.step("KSTREAM-FILTER", filterStep(predicate, true), named);
  }

  mapValues<VR>(mapper: ValueMapper<V, K, VR>, named?: Named): KStream<K, VR> {
    return this.step("KSTREAM-MAPVALUES", mapValuesStep(mapper), named, false, false) as any;
  }

  selectKey<KR>(mapper: KeyValueMapper<K, V, KR>, named?: Named): KStream<KR, V> {
    return this.step("KSTREAM-KEY-SELECT", selectKeyStep(mapper), named, true, true) as any;
  }

  peek(action: (key: K, value: V) => void, named?: Named): KStream<K, V> {
    return this.step("KSTREAM-PEEK", peekStep(action), named);
  }

  map<KR, VR>(
    mapper: (key: K, value: V, timestamp: number) => KeyValue<KR, VR>,
    named?: Named,
  ): KStream<KR, VR> {
    return this.processor("KSTREAM-MAP", mapProcessor(mapper), named, true, true) as any;
  }

  flatMap<KR, VR>(
    mapper: (key: K, value: V, timestamp: number) => Iterable<KeyValue<KR, VR>>,
    named?: Named,
  ): KStream<KR, VR> {
    return this.processor("KSTREAM-FLATMAP", flatMapProcessor(mapper), named, true, true) as any;
  }

  flatMapValues<VR>(
    mapper: (value: V, key: K, timestamp: number) => Iterable<VR>,
    named?: Named,
  ): KStream<K, VR> {
    return this.processor(
      "KSTREAM-FLATMAPVALUES",
      flatMapValuesProcessor(mapper),
      named,
      false,
      false,
    ) as any;
  }

  /** KStream#split: `branch` in order, then `defaultBranch()` or `noDefaultBranch()`. */
  split(named?: Named): BranchedKStream<K, V> {
    return new BranchedKStream(this, named?.name ?? this.builder.newName("KSTREAM-BRANCH"));
  }

  merge(other: KStream<K, V>, named?: Named): KStream<K, V> {
    const node = this.builder.addNode(
      { name: named?.name ?? this.builder.newName("KSTREAM-MERGE"), processor: mergeProcessor },
      [this.node, other.node],
    );
    return new KStream(
      this.builder,
      node,
      this.serdes,
      this.repartitionRequired || other.repartitionRequired,
    );
  }

  /** Writes to a topic (or a topic chosen per record). */
  to(topic: string | TopicNameExtractor, produced?: Produced): void {
    const serdes = {
      keySerde: produced?.keySerde ?? this.serdes.keySerde,
      valueSerde: produced?.valueSerde ?? this.serdes.valueSerde,
    };
    this.builder.addNode(
      {
        name: produced?.name ?? this.builder.newName("KSTREAM-SINK"),
        processor: sinkProcessor(topic, serdes.keySerde, serdes.valueSerde),
        sinkTopics: typeof topic === "string" ? [topic] : undefined,
        sinkSerdes: serdes,
      },
      [this.node],
    );
  }

  /**
   * Processor API integration (Kafka's KStream#process): a custom processor built per task,
   * which may read `stores` (added with StreamsBuilder#addStateStore) and schedule punctuation.
   */
  process<KR = K, VR = V>(
    processor: ProcessorFactory,
    named?: Named,
    stores: string[] = [],
  ): KStream<KR, VR> {
    const node = this.builder.addNode(
      { name: named?.name ?? this.builder.newName("KSTREAM-PROCESSOR"), processor, stores },
      [this.node],
    );
    return this.derive(node, true, false);
  }

  /** Always repartitions through a topic (Kafka's KStream#repartition). */
  repartition(repartitioned?: Repartitioned): KStream<K, V> {
    const serdes = {
      keySerde: repartitioned?.keySerde ?? this.serdes.keySerde,
      valueSerde: repartitioned?.valueSerde ?? this.serdes.valueSerde,
    };
    const name = repartitioned?.name ?? this.builder.newName("KSTREAM-REPARTITION");
    const node = repartitionNode(this.builder, this.node, name, serdes, repartitioned?.partitions);
    return new KStream(this.builder, node, serdes, false);
  }

  toTable(named?: Named, materialized?: Materialized): KTable<K, V> {
    const storeName =
      materialized?.options.storeName ?? this.builder.newName("KSTREAM-TOTABLE-STATE-STORE");
    this.builder.addStore(materialized?.options.supplier ?? inMemoryKeyValueStore(storeName));
    const name = named?.name ?? this.builder.newName("KSTREAM-TOTABLE");
    const node = this.builder.addNode(
      { name, processor: tableSourceProcessor(name, storeName), stores: [storeName] },
      [this.repartitioned(name).node],
    );
    return new KTable(this.builder, node, this.serdes, storeGetter(storeName), { storeName });
  }

  groupByKey(grouped?: Grouped): KGroupedStream<K, V> {
    const serdes = this.groupedSerdes(grouped);
    const node = this.repartitionRequired
      ? repartitionNode(
          this.builder,
          this.node,
          grouped?.name ?? this.builder.newName("KSTREAM-AGGREGATE-STATE-STORE"),
          serdes,
        )
      : this.node;
    return new KGroupedStream(this.builder, node, serdes);
  }

  /** Re-keys and groups; always repartitions (Kafka Streams' rule for groupBy). */
  groupBy<KR>(selector: KeyValueMapper<K, V, KR>, grouped?: Grouped): KGroupedStream<KR, V> {
    const keyed = this.selectKey(selector);
    return keyed.groupByKey(
      grouped ?? Grouped.as(this.builder.newName("KSTREAM-AGGREGATE-STATE-STORE")),
    );
  }

  join<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<V, VO, VR>,
    windows: JoinWindows,
    joined?: Joined,
  ): KStream<K, VR>;
  join<VT, VR>(
    table: KTable<K, VT>,
    joiner: ValueJoiner<V, VT, VR>,
    joined?: Joined,
  ): KStream<K, VR>;
  join<GK, GV, VR>(
    table: GlobalKTable<GK, GV>,
    keySelector: (key: K, value: V) => GK,
    joiner: ValueJoiner<V, GV, VR>,
    named?: Named,
  ): KStream<K, VR>;
  join(other: any, a: any, b?: any, c?: any): KStream {
    return this.dispatchJoin("inner", other, a, b, c);
  }

  leftJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<V, VO | null, VR>,
    windows: JoinWindows,
    joined?: Joined,
  ): KStream<K, VR>;
  leftJoin<VT, VR>(
    table: KTable<K, VT>,
    joiner: ValueJoiner<V, VT | null, VR>,
    joined?: Joined,
  ): KStream<K, VR>;
  leftJoin<GK, GV, VR>(
    table: GlobalKTable<GK, GV>,
    keySelector: (key: K, value: V) => GK,
    joiner: ValueJoiner<V, GV | null, VR>,
    named?: Named,
  ): KStream<K, VR>;
  leftJoin(other: any, a: any, b?: any, c?: any): KStream {
    return this.dispatchJoin("left", other, a, b, c);
  }

  outerJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: ValueJoiner<V | null, VO | null, VR>,
    windows: JoinWindows,
    joined?: Joined,
  ): KStream<K, VR> {
    return this.streamStreamJoin("outer", other, joiner, windows, joined);
  }

  private dispatchJoin(type: JoinType, other: unknown, a: any, b: any, c: any): KStream {
    if (other instanceof KStream) return this.streamStreamJoin(type, other, a, b, c);
    if (other instanceof KTable) return this.streamTableJoin(type, other, a, b);
    return this.globalJoin(type, other as GlobalKTable, a, b, c);
  }

  private streamTableJoin(
    type: JoinType,
    table: KTable,
    joiner: ValueJoiner,
    joined?: Joined,
  ): KStream {
    const name = joined?.name ?? this.builder.newName("KSTREAM-JOIN");
    const left = this.repartitioned(name, joined);
    const node = this.builder.addNode(
      {
        name,
        processor: streamTableJoinProcessor(name, table.getter, joiner, type === "left"),
        stores: table.getter.stores,
        copartition: true,
      },
      [left.node],
    );
    return new KStream(
      this.builder,
      node,
      { keySerde: left.serdes.keySerde, valueSerde: this.builder.defaults.valueSerde },
      false,
    );
  }

  private globalJoin(
    type: JoinType,
    table: GlobalKTable,
    keySelector: any,
    joiner: ValueJoiner,
    named?: Named,
  ) {
    const name = named?.name ?? this.builder.newName("KSTREAM-JOIN");
    const node = this.builder.addNode(
      {
        name,
        processor: streamTableJoinProcessor(
          name,
          table.getter,
          joiner,
          type === "left",
          keySelector,
        ),
      },
      [this.node],
    );
    return new KStream(
      this.builder,
      node,
      { ...this.serdes, valueSerde: this.builder.defaults.valueSerde },
      this.repartitionRequired,
    );
  }

  private streamStreamJoin(
    type: JoinType,
    other: KStream,
    joiner: ValueJoiner,
    windows: JoinWindows,
    joined?: Joined,
  ) {
    const b = this.builder;
    const base = joined?.name ?? b.newName("KSTREAM-JOIN");
    const left = this.repartitioned(`${base}-left`, joined);
    const right = other.repartitioned(`${base}-right`, joined);
    const retention = windows.beforeMs + windows.afterMs + windows.graceMs + 1;
    const thisStore = b.addStore(inMemoryWindowStore(`${base}-this-join-store`, retention, true));
    const otherStore = b.addStore(inMemoryWindowStore(`${base}-other-join-store`, retention, true));
    const outerStore =
      type === "inner"
        ? undefined
        : b.addStore(inMemoryKeyValueStore(`${base}-outer-shared-join-store`));
    const stores = [thisStore, otherStore, ...(outerStore ? [outerStore] : [])];
    const side = (isLeft: boolean, parent: GraphNode): GraphNode =>
      b.addNode(
        {
          name: `${base}-${isLeft ? "this" : "other"}`,
          processor: streamStreamJoinProcessor({
            name: base,
            windows,
            joiner,
            thisStore: isLeft ? thisStore : otherStore,
            otherStore: isLeft ? otherStore : thisStore,
            outerStore,
            isLeft,
            outer: type === "outer" || (type === "left" && isLeft),
          }),
          stores,
          copartition: true,
        },
        [parent],
      );
    const merged = b.addNode({ name: base, processor: mergeProcessor }, [
      side(true, left.node),
      side(false, right.node),
    ]);
    return new KStream(
      b,
      merged,
      { keySerde: left.serdes.keySerde, valueSerde: b.defaults.valueSerde },
      false,
    );
  }

  /** This stream, behind a repartition topic when its key changed. */
  repartitioned(name: string, joined?: Joined): KStream<K, V> {
    if (!this.repartitionRequired) return this;
    const serdes = {
      keySerde: joined?.keySerde ?? this.serdes.keySerde,
      valueSerde: joined?.valueSerde ?? this.serdes.valueSerde,
    };
    return new KStream(
      this.builder,
      repartitionNode(this.builder, this.node, name, serdes),
      serdes,
      false,
    );
  }

  private groupedSerdes(grouped?: Grouped): Serdes {
    return {
      keySerde: grouped?.keySerde ?? this.serdes.keySerde,
      valueSerde: grouped?.valueSerde ?? this.serdes.valueSerde,
    };
  }

  private step(
    prefix: string,
    step: FusableStep,
    named?: Named,
    keyChanges = false,
    keepSerdes = true,
  ): KStream<any, any> {
    const node = this.builder.addNode({ name: named?.name ?? this.builder.newName(prefix), step }, [
      this.node,
    ]);
    return this.derive(node, keyChanges, keepSerdes);
  }

  private processor(
    prefix: string,
    processor: ProcessorFactory,
    named: Named | undefined,
    keyChanges: boolean,
    keepValueSerde: boolean,
  ) {
    const node = this.builder.addNode(
      { name: named?.name ?? this.builder.newName(prefix), processor },
      [this.node],
    );
    return this.derive(node, keyChanges, !keyChanges && keepValueSerde);
  }

  private derive(node: GraphNode, keyChanges: boolean, keepSerdes: boolean): KStream<any, any> {
    const serdes = keepSerdes
      ? this.serdes
      : { ...this.serdes, valueSerde: this.builder.defaults.valueSerde };
    const keyed = keyChanges ? { ...serdes, keySerde: this.builder.defaults.keySerde } : serdes;
    return new KStream(this.builder, node, keyed, this.repartitionRequired || keyChanges);
  }
}

/** Kafka's BranchedKStream: collects branches of KStream#split by name. */
export class BranchedKStream<K, V> {
  private readonly branches: { port: string; predicate: Predicate<K, V> }[] = [];

  constructor(
    private readonly stream: KStream<K, V>,
    private readonly name: string,
  ) {}

  branch(predicate: Predicate<K, V>, branched?: Branched): this {
    this.branches.push({ port: branched?.name ?? String(this.branches.length + 1), predicate });
    return this;
  }

  defaultBranch(branched: Branched = Branched.as("0")): Record<string, KStream<K, V>> {
    return this.finish(branched.name ?? "0");
  }

  noDefaultBranch(): Record<string, KStream<K, V>> {
    return this.finish(undefined);
  }

  private finish(defaultPort: string | undefined): Record<string, KStream<K, V>> {
    const { builder } = this.stream;
    const node = builder.addNode(
      { name: this.name, processor: branchProcessor(this.branches, defaultPort) },
      [this.stream.node],
    );
    const ports = [
      ...this.branches.map((b) => b.port),
      ...(defaultPort === undefined ? [] : [defaultPort]),
    ];
    const result: Record<string, KStream<K, V>> = {};
    for (const port of ports) {
      const child = builder.addNode(
        { name: `${this.name}-${port}`, processor: mergeProcessor },
        [node],
        port,
      );
      result[`${this.name}-${port}`] = new KStream(
        builder,
        child,
        this.stream.serdes,
        this.stream.repartitionRequired,
      );
    }
    return result;
  }
}
