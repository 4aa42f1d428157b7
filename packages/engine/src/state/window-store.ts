// Timestamped window store: per key, windows sorted by start time. Windows older than the
// retention period (relative to the highest start seen) are dropped, as Kafka's segmented
// stores do. With `retainDuplicates` (stream-stream join buffers) equal starts coexist, and
// every write is logged; otherwise windows are updated in place and logged once per commit.
import { type CachedEntry, ChangelogCache } from "./changelog-cache";
import { lowerBound } from "./sorted-keys";
import type { ChangeLogger, ChangelogEntry, StateStore, StoreSupplier, Timestamped } from "./store";
import { storeKey } from "./store-key";

export interface WindowEntry<K, V> extends Timestamped<V> {
  readonly key: K;
  readonly start: number;
}

interface StoredWindow<K, V> extends CachedEntry {
  readonly key: K;
  readonly start: number;
  value: V;
}

export interface WindowStore<K = unknown, V = unknown> extends StateStore {
  readonly kind: "window";
  readonly retentionMs: number;
  /** Stores (or with null deletes) a window; false when the window is already expired. */
  put(key: K, value: V | null, windowStart: number, timestamp: number): boolean;
  /** The entry is updated in place by later writes of the window: read it before writing. */
  fetch(key: K, windowStart: number): Timestamped<V> | undefined;
  /** Windows of `key` with timeFrom <= start <= timeTo, ascending by start. */
  fetchRange(key: K, timeFrom: number, timeTo: number): WindowEntry<K, V>[];
  all(): Iterable<WindowEntry<K, V>>;
}

interface KeyWindows<K, V> {
  key: K;
  starts: number[];
  entries: StoredWindow<K, V>[];
}

export class InMemoryWindowStore<K = unknown, V = unknown> implements WindowStore<K, V> {
  readonly kind = "window" as const;
  private readonly keys = new Map<string, KeyWindows<K, V>>();
  /** Join buffers keep every write: a sequence number keeps their changelog keys distinct. */
  private readonly changelog = new ChangelogCache<StoredWindow<K, V>>((logger, e) =>
    logger.log(
      this.retainDuplicates ? [e.key, e.start, this.seq++] : [e.key, e.start],
      e.value,
      e.timestamp,
    ),
  );
  private observed = Number.NEGATIVE_INFINITY;
  private nextSweep = Number.NEGATIVE_INFINITY;
  private count = 0;
  private seq = 0;

  constructor(
    readonly name: string,
    readonly retentionMs: number,
    private readonly retainDuplicates = false,
  ) {}

  init(logger: ChangeLogger | undefined): void {
    this.changelog.attach(logger);
  }

  flush(): void {
    this.changelog.flush();
  }

  put(key: K, value: V | null, windowStart: number, timestamp: number): boolean {
    if (!this.apply(key, value, windowStart, timestamp, true)) return false;
    return true;
  }

  fetch(key: K, windowStart: number): Timestamped<V> | undefined {
    const w = this.keys.get(storeKey(key));
    if (!w) return undefined;
    const i = lowerBound(w.starts, windowStart);
    return w.starts[i] === windowStart && this.live(windowStart) ? w.entries[i] : undefined;
  }

  fetchRange(key: K, timeFrom: number, timeTo: number): WindowEntry<K, V>[] {
    const w = this.keys.get(storeKey(key));
    if (!w) return [];
    const out: WindowEntry<K, V>[] = [];
    for (
      let i = lowerBound(w.starts, timeFrom);
      i < w.starts.length && w.starts[i] <= timeTo;
      i++
    ) {
      if (this.live(w.starts[i])) out.push(w.entries[i]);
    }
    return out;
  }

  *all(): Iterable<WindowEntry<K, V>> {
    for (const w of this.keys.values()) {
      for (const e of w.entries) if (this.live(e.start)) yield e;
    }
  }

  size(): number {
    return this.count;
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) {
      const [key, start] = e.key as [K, number];
      this.apply(key, e.value as V | null, start, e.timestamp, false);
    }
  }

  close(): void {
    this.keys.clear();
    this.count = 0;
  }

  private live(start: number): boolean {
    return start > this.observed - this.retentionMs;
  }

  /** Writes a window in place; `logged` queues it in the changelog cache (not when restoring). */
  private apply(
    key: K,
    value: V | null,
    start: number,
    timestamp: number,
    logged: boolean,
  ): boolean {
    if (start > this.observed) this.observed = start;
    if (!this.live(start)) return false;
    if (this.observed >= this.nextSweep) this.sweep();
    const k = storeKey(key);
    if (value === null) this.erase(k, key, start, timestamp, logged);
    else this.write(k, key, value, start, timestamp, logged);
    return true;
  }

  private write(k: string, key: K, value: V, start: number, timestamp: number, logged: boolean) {
    let w = this.keys.get(k);
    if (!w) {
      w = { key, starts: [], entries: [] };
      this.keys.set(k, w);
    }
    const i = lowerBound(w.starts, this.retainDuplicates ? start + 1 : start);
    let entry = this.retainDuplicates || w.starts[i] !== start ? undefined : w.entries[i];
    if (entry === undefined) {
      entry = { key, start, value, timestamp, dirty: false };
      insertAt(w.starts, i, start);
      insertAt(w.entries, i, entry);
      this.count++;
    } else {
      entry.value = value;
      entry.timestamp = timestamp;
    }
    if (logged) this.changelog.written(entry);
  }

  /** Deletes a window (join buffers, which retain duplicates, never delete by key). */
  private erase(k: string, key: K, start: number, timestamp: number, logged: boolean): void {
    const w = this.keys.get(k);
    const i = w === undefined ? -1 : lowerBound(w.starts, start);
    const existing =
      w !== undefined && !this.retainDuplicates && w.starts[i] === start ? w.entries[i] : undefined;
    if (existing !== undefined) this.remove(w!, k, i);
    const tombstone = { key, start, value: null as V, timestamp, dirty: false };
    if (logged) this.changelog.removed(existing, tombstone);
  }

  private remove(w: KeyWindows<K, V>, k: string, i: number): void {
    w.starts.splice(i, 1);
    w.entries.splice(i, 1);
    this.count--;
    if (w.starts.length === 0) this.keys.delete(k);
  }

  /**
   * Drops expired windows (reads already skip them); runs once per half retention of
   * stream-time progress, as Kafka's segmented stores drop a segment at most that often.
   */
  private sweep(): void {
    const limit = this.observed - this.retentionMs;
    for (const [k, w] of this.keys) {
      const expired = lowerBound(w.starts, limit + 1);
      if (expired === 0) continue;
      w.starts.splice(0, expired);
      w.entries.splice(0, expired);
      this.count -= expired;
      if (w.starts.length === 0) this.keys.delete(k);
    }
    this.nextSweep = this.observed + Math.max(1, Math.floor(this.retentionMs / 2));
  }
}

/** Windows mostly arrive in time order: appending is the common case and much cheaper. */
function insertAt<T>(items: T[], i: number, item: T): void {
  if (i === items.length) items.push(item);
  else items.splice(i, 0, item);
}

/** Kafka's `Stores.inMemoryWindowStore(name, retention, windowSize, retainDuplicates)`. */
export function inMemoryWindowStore<K = unknown, V = unknown>(
  name: string,
  retentionMs: number,
  retainDuplicates = false,
  logged = true,
): StoreSupplier<WindowStore<K, V>> {
  return {
    name,
    kind: "window",
    logged,
    get: () => new InMemoryWindowStore<K, V>(name, retentionMs, retainDuplicates),
  };
}
