// Timestamped key-value store on a JS Map, with ordered range scans by serialized key. Entries
// are updated in place and logged once per commit through the changelog cache.
import { type CachedEntry, ChangelogCache } from "./changelog-cache";
import { SortedKeys } from "./sorted-keys";
import type {
  ChangeLogger,
  ChangelogEntry,
  KeyValue,
  StateStore,
  StoreSupplier,
  Timestamped,
} from "./store";
import { storeKey } from "./store-key";

interface Entry<K, V> extends CachedEntry {
  readonly key: K;
  value: V;
}

export interface KeyValueStore<K = unknown, V = unknown> extends StateStore {
  readonly kind: "key-value";
  /** The entry is updated in place by later writes of the key: read it before writing. */
  get(key: K): Timestamped<V> | undefined;
  put(key: K, value: V, timestamp: number): void;
  delete(key: K, timestamp: number): Timestamped<V> | undefined;
  /** Entries with from <= key <= to in serialized-key order; omitted bounds are open. */
  range(from?: K, to?: K): Iterable<KeyValue<K, Timestamped<V>>>;
  all(): Iterable<KeyValue<K, Timestamped<V>>>;
}

export class InMemoryKeyValueStore<K = unknown, V = unknown> implements KeyValueStore<K, V> {
  readonly kind = "key-value" as const;
  private readonly map = new Map<string, Entry<K, V>>();
  /** Built on the first range scan; stores never scanned (counts) skip the bookkeeping. */
  private order: SortedKeys | undefined;
  private readonly changelog = new ChangelogCache<Entry<K, V>>((logger, e) =>
    logger.log(e.key, e.value, e.timestamp),
  );

  constructor(readonly name: string) {}

  init(logger: ChangeLogger | undefined): void {
    this.changelog.attach(logger);
  }

  flush(): void {
    this.changelog.flush();
  }

  get(key: K): Timestamped<V> | undefined {
    return this.map.get(storeKey(key));
  }

  put(key: K, value: V, timestamp: number): void {
    this.changelog.written(this.write(storeKey(key), key, value, timestamp));
  }

  delete(key: K, timestamp: number): Timestamped<V> | undefined {
    const k = storeKey(key);
    const old = this.map.get(k);
    if (old !== undefined) {
      this.map.delete(k);
      this.order?.removed();
    }
    const tombstone = { key, value: null as V, timestamp, dirty: false };
    this.changelog.removed(old, tombstone);
    return old;
  }

  *range(from?: K, to?: K): Iterable<KeyValue<K, Timestamped<V>>> {
    const live = (k: string) => this.map.has(k);
    const lo = from === undefined ? undefined : storeKey(from);
    const hi = to === undefined ? undefined : storeKey(to);
    for (const k of this.ordered().range(live, lo, hi)) {
      const entry = this.map.get(k)!;
      yield { key: entry.key, value: entry };
    }
  }

  all(): Iterable<KeyValue<K, Timestamped<V>>> {
    return this.range();
  }

  size(): number {
    return this.map.size;
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) {
      const key = e.key as K;
      if (e.value === null) {
        if (this.map.delete(storeKey(key))) this.order?.removed();
      } else this.write(storeKey(key), key, e.value as V, e.timestamp);
    }
  }

  close(): void {
    this.map.clear();
    this.order = undefined;
  }

  private ordered(): SortedKeys {
    if (this.order === undefined) {
      this.order = new SortedKeys();
      for (const k of this.map.keys()) this.order.added(k);
    }
    return this.order;
  }

  private write(k: string, key: K, value: V, timestamp: number): Entry<K, V> {
    const entry = this.map.get(k);
    if (entry !== undefined) {
      entry.value = value;
      entry.timestamp = timestamp;
      return entry;
    }
    const created = { key, value, timestamp, dirty: false };
    this.map.set(k, created);
    this.order?.added(k);
    return created;
  }
}

/** Kafka's `Stores.inMemoryKeyValueStore(name)`, logged by default. */
export function inMemoryKeyValueStore<K = unknown, V = unknown>(
  name: string,
  logged = true,
): StoreSupplier<KeyValueStore<K, V>> {
  return { name, kind: "key-value", logged, get: () => new InMemoryKeyValueStore<K, V>(name) };
}
