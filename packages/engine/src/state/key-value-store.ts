// Timestamped key-value store: a hash index from serialized key to a slot of column storage,
// with ordered range scans by serialized key. Each written key is logged once per commit with its
// latest value, as Kafka Streams' record cache does; deletes log tombstones.
import { EntrySlots } from "./entry-slots";
import { hashKey, SlotIndex } from "./slot-index";
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

export interface KeyValueStore<K = unknown, V = unknown> extends StateStore {
  readonly kind: "key-value";
  /** The value and timestamp as they are now: later writes do not change what is returned. */
  get(key: K): Timestamped<V> | undefined;
  /** A null value deletes the key, as in Kafka (and as restoring its changelog would). */
  put(key: K, value: V, timestamp: number): void;
  /** Writes only when the key is absent; returns what was there. */
  putIfAbsent(key: K, value: V, timestamp: number): Timestamped<V> | undefined;
  delete(key: K, timestamp: number): Timestamped<V> | undefined;
  /** Entries with from <= key <= to in serialized-key order; omitted bounds are open. */
  range(from?: K, to?: K): Iterable<KeyValue<K, Timestamped<V>>>;
  all(): Iterable<KeyValue<K, Timestamped<V>>>;
}

export class InMemoryKeyValueStore<K = unknown, V = unknown> implements KeyValueStore<K, V> {
  readonly kind = "key-value" as const;
  private slots = new EntrySlots<K, V>();
  private index = new SlotIndex(this.slots.keys);
  /** Built on the first range scan; stores never scanned (counts) skip the bookkeeping. */
  private order: SortedKeys | undefined;
  private logger: ChangeLogger | undefined;
  /** The last key looked up and its slot: an aggregation's put follows its get of the same key. */
  private lastKey: string | undefined;
  private lastHash = 0;
  private lastSlot = -1;

  constructor(readonly name: string) {}

  init(logger: ChangeLogger | undefined): void {
    this.logger = logger;
  }

  flush(): void {
    if (this.logger !== undefined) this.slots.flush(this.logger);
  }

  get(key: K): Timestamped<V> | undefined {
    const slot = this.slotOf(storeKey(key));
    return slot < 0 ? undefined : this.slots.entry(slot);
  }

  put(key: K, value: V, timestamp: number): void {
    if (value === null) {
      this.delete(key, timestamp);
      return;
    }
    const slot = this.write(storeKey(key), key, value, timestamp);
    if (this.logger !== undefined) this.slots.dirty(slot);
  }

  putIfAbsent(key: K, value: V, timestamp: number): Timestamped<V> | undefined {
    const old = this.get(key);
    if (old === undefined) this.put(key, value, timestamp);
    return old;
  }

  delete(key: K, timestamp: number): Timestamped<V> | undefined {
    const k = storeKey(key);
    const slot = this.unindex(k);
    const old = slot < 0 ? undefined : this.slots.entry(slot);
    if (this.logger !== undefined) {
      this.slots.tombstone(
        slot < 0 ? this.slots.add(k, key, undefined as V, timestamp) : slot,
        timestamp,
      );
    } else if (slot >= 0) this.slots.discard(slot);
    return old;
  }

  *range(from?: K, to?: K): Iterable<KeyValue<K, Timestamped<V>>> {
    const live = (k: string) => this.index.get(k, hashKey(k)) >= 0;
    const lo = from === undefined ? undefined : storeKey(from);
    const hi = to === undefined ? undefined : storeKey(to);
    for (const k of this.ordered().range(live, lo, hi)) {
      const slot = this.index.get(k, hashKey(k));
      yield { key: this.slots.key(slot), value: this.slots.entry(slot) };
    }
  }

  all(): Iterable<KeyValue<K, Timestamped<V>>> {
    return this.range();
  }

  size(): number {
    return this.index.size;
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) {
      const key = e.key as K;
      const k = storeKey(key);
      if (e.value !== null) this.write(k, key, e.value as V, e.timestamp);
      else {
        const slot = this.unindex(k);
        if (slot >= 0) this.slots.discard(slot);
      }
    }
  }

  close(): void {
    this.slots = new EntrySlots<K, V>();
    this.index = new SlotIndex(this.slots.keys);
    this.lastKey = undefined;
    this.order = undefined;
  }

  private ordered(): SortedKeys {
    if (this.order === undefined) {
      this.order = new SortedKeys();
      for (const slot of this.index.slots()) this.order.added(this.slots.keys[slot]!);
    }
    return this.order;
  }

  /** Removes `k` from the index; returns its slot (left for the caller to free), or -1. */
  private unindex(k: string): number {
    this.lastKey = undefined;
    const slot = this.index.delete(k, hashKey(k));
    if (slot >= 0) this.order?.removed();
    return slot;
  }

  /** The slot of `k`, or -1; also leaves `lastHash` set to the hash of `k`. */
  private slotOf(k: string): number {
    if (k === this.lastKey) return this.lastSlot;
    const hash = hashKey(k);
    this.lastKey = k;
    this.lastHash = hash;
    this.lastSlot = this.index.get(k, hash);
    return this.lastSlot;
  }

  private write(k: string, key: K, value: V, timestamp: number): number {
    const slot = this.slotOf(k);
    if (slot >= 0) {
      this.slots.set(slot, value, timestamp);
      return slot;
    }
    const created = this.slots.add(k, key, value, timestamp);
    this.index.add(created, this.lastHash);
    this.order?.added(k);
    this.lastSlot = created;
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
