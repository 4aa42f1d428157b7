// Interactive queries (Kafka Streams' KafkaStreams#store with StoreQueryParameters): one
// read-only view of a store over every task that holds a partition of it, so a caller asks
// for a key without knowing which task owns it.
//
// Reads are consistent without locks: a deployment processes records synchronously on the one
// JS thread and yields only at async batch boundaries, so a synchronous read always runs
// between two records, never in the middle of one.
import type { KeyValueStore } from "../state/key-value-store";
import type { SessionEntry, SessionStore } from "../state/session-store";
import type { StateStore } from "../state/store";
import { storeKey } from "../state/store-key";
import type { WindowEntry, WindowStore } from "../state/window-store";

/** One entry of a key-value store, with the timestamp of the record that wrote it. */
export interface KeyValueRow<K = unknown, V = unknown> {
  key: K;
  value: V;
  timestamp: number;
}

/** Kafka Streams' ReadOnlyKeyValueStore over all partitions. */
export interface ReadOnlyKeyValueStore<K = unknown, V = unknown> {
  readonly kind: "key-value";
  get(key: K): KeyValueRow<K, V> | undefined;
  /** from <= key <= to in the store's key order; an omitted bound is open. */
  range(from?: K, to?: K): KeyValueRow<K, V>[];
  all(): KeyValueRow<K, V>[];
}

/** Kafka Streams' ReadOnlyWindowStore over all partitions; windows are known by their start. */
export interface ReadOnlyWindowStore<K = unknown, V = unknown> {
  readonly kind: "window";
  /** Windows of `key` with timeFrom <= start <= timeTo, ascending by start. */
  fetch(key: K, timeFrom: number, timeTo: number): WindowEntry<K, V>[];
  /** Windows of every key with timeFrom <= start <= timeTo. */
  fetchAll(timeFrom: number, timeTo: number): WindowEntry<K, V>[];
  all(): WindowEntry<K, V>[];
}

/** Kafka Streams' ReadOnlySessionStore over all partitions. */
export interface ReadOnlySessionStore<K = unknown, V = unknown> {
  readonly kind: "session";
  /** Every session of `key`, ascending by end. */
  fetch(key: K): SessionEntry<K, V>[];
  /** Sessions of `key` with end >= earliestEnd and start <= latestStart. */
  findSessions(key: K, earliestEnd: number, latestStart: number): SessionEntry<K, V>[];
  all(): SessionEntry<K, V>[];
}

export type QueryableStore = ReadOnlyKeyValueStore | ReadOnlyWindowStore | ReadOnlySessionStore;

/** Kafka Streams' InvalidStateStoreException: the store exists but cannot be read now. */
export class InvalidStateStoreError extends Error {
  override readonly name = "InvalidStateStoreError";
}

/** Stores update entries in place on later writes: a read hands out a snapshot of each. */
const copy = <E extends object>(e: E): E => ({ ...e });
const everything = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;
const byKey = (a: { key: unknown }, b: { key: unknown }) => {
  const x = storeKey(a.key);
  const y = storeKey(b.key);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The read-only view of store `name` over the given partitions' stores (undefined entries are
 * tasks without it); undefined when no partition holds it.
 * @example queryableStore("counts", tasks.map((t) => t.stores.get("counts")))?.get("alice")
 */
export function queryableStore(
  name: string,
  partitions: (StateStore | undefined)[],
): QueryableStore | undefined {
  const stores = partitions.filter((s): s is StateStore => s?.name === name);
  const kind = stores[0]?.kind;
  if (kind === "key-value") return keyValueView(stores as KeyValueStore[]);
  if (kind === "window") return windowView(stores as WindowStore[]);
  if (kind === "session") return sessionView(stores as SessionStore[]);
  return undefined;
}

function keyValueView(stores: KeyValueStore[]): ReadOnlyKeyValueStore {
  // A row flattens the store's { value, timestamp } with its key (Kafka's KeyValue of ValueAndTimestamp).
  const row = (key: unknown, t: { value: unknown; timestamp: number }) => ({
    key,
    value: t.value,
    timestamp: t.timestamp,
  });
  const range = (from?: unknown, to?: unknown) =>
    stores.flatMap((s) => [...s.range(from, to)].map((e) => row(e.key, e.value))).sort(byKey);
  return {
    kind: "key-value",
    get(key) {
      // A key lives in one partition; asking each is cheaper than re-deriving the partitioner.
      for (const s of stores) {
        const found = s.get(key);
        if (found !== undefined) return row(key, found);
      }
      return undefined;
    },
    range,
    all: () => range(),
  };
}

function windowView(stores: WindowStore[]): ReadOnlyWindowStore {
  const fetchAll = (from: number, to: number) =>
    stores
      .flatMap((s) => [...s.all()].filter((e) => e.start >= from && e.start <= to).map(copy))
      .sort((a, b) => byKey(a, b) || a.start - b.start);
  return {
    kind: "window",
    fetch: (key, from, to) =>
      stores
        .flatMap((s) => s.fetchRange(key, from, to).map(copy))
        .sort((a, b) => a.start - b.start),
    fetchAll,
    all: () => fetchAll(...everything),
  };
}

function sessionView(stores: SessionStore[]): ReadOnlySessionStore {
  const findSessions = (key: unknown, earliestEnd: number, latestStart: number) =>
    stores
      .flatMap((s) => s.findSessions(key, earliestEnd, latestStart).map(copy))
      .sort((a, b) => a.end - b.end || a.start - b.start);
  return {
    kind: "session",
    fetch: (key) => findSessions(key, ...everything),
    findSessions,
    all: () =>
      stores.flatMap((s) => [...s.all()].map(copy)).sort((a, b) => byKey(a, b) || a.end - b.end),
  };
}
