// Store contracts shared by every store kind: a store is synchronous, logs each write to its
// changelog, and can be rebuilt from that changelog. A persistent implementation (LMDB) plugs
// in through `StoreSupplier` without the processors noticing.

export type StoreKind = "key-value" | "window" | "session";

/** A value with the timestamp of the record that produced it (Kafka's ValueAndTimestamp). */
export interface Timestamped<V> {
  readonly value: V;
  readonly timestamp: number;
}

export interface KeyValue<K, V> {
  key: K;
  value: V;
}

/** One changelog record: the store-kind-specific key, the new value (null deletes). */
export interface ChangelogEntry {
  key: unknown;
  value: unknown;
  timestamp: number;
}

/** Receives the changelog records of a logged store; the task turns them into log records. */
export interface ChangeLogger {
  log(key: unknown, value: unknown, timestamp: number): void;
  /**
   * A window store's record, keyed by key, window start and sequence number (Kafka's
   * WindowKeySchema; the number is 0 unless the store retains duplicates). A logger without it
   * gets `log([key, start], ...)`, or `[key, start, seq]` for duplicates, as `ChangelogEntry`.
   */
  logWindow?(key: unknown, start: number, seq: number, value: unknown, timestamp: number): void;
}

export interface StateStore {
  readonly name: string;
  readonly kind: StoreKind;
  /** Attaches the changelog; called once by the task before processing starts. */
  init(logger: ChangeLogger | undefined): void;
  /**
   * Kafka's StateStore#flush, called at each commit before the changelog is drained. A store
   * that caches its changelog (as Kafka Streams' record cache does) logs the latest state of
   * each entry written since the last flush, once: restoring from that gives the same store.
   */
  flush(): void;
  /** Number of entries (keys, windows or sessions), for metrics. */
  size(): number;
  /** Applies changelog records in order without re-logging them. */
  restore(entries: Iterable<ChangelogEntry>): void;
  close(): void;
}

/** Creates one store instance per task (Kafka's StoreBuilder/StoreSupplier). */
export interface StoreSupplier<S extends StateStore = StateStore> {
  readonly name: string;
  readonly kind: StoreKind;
  /** Whether writes go to the `<applicationId>-<name>-changelog` topic. */
  readonly logged: boolean;
  /**
   * Window and session stores: how far behind stream time a window (by start) or a session (by
   * end) is kept. Their changelog keeps records this long plus a day, as Kafka Streams'
   * `compact,delete` window changelogs do (windowstore.changelog.additional.retention.ms).
   */
  readonly retentionMs?: number;
  get(): S;
}

/** The changelog topic name Kafka Streams gives a store. */
export function changelogTopic(applicationId: string, storeName: string): string {
  return `${applicationId}-${storeName}-changelog`;
}
