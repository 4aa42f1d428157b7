// Timestamped window store. Windows older than the retention period (relative to the highest
// start seen) expire, as in Kafka's window stores. Aggregation stores use Kafka's in-memory
// layout: window start -> (key -> window), so a tumbling put or fetch is two map lookups and a
// whole start expires at once. With `retainDuplicates` (stream-stream join and sliding-window
// buffers) equal starts coexist and reads are per-key time ranges, so windows are kept per key,
// sorted by start. Windows are updated in place and logged once per commit.
import { type CachedEntry, WindowChangelogCache } from "./changelog-cache";
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
  /**
   * `fetchRange` without building an array: calls `visit` for each window, ascending by start,
   * and returns how many it visited. The store must not be written to from `visit`.
   */
  visitRange(
    key: K,
    timeFrom: number,
    timeTo: number,
    visit: (entry: WindowEntry<K, V>) => void,
  ): number;
  all(): Iterable<WindowEntry<K, V>>;
}

/** Where the windows live; the store above it handles retention and the changelog. */
interface WindowLayout<K, V> {
  /** Windows held, expired ones not yet dropped included. */
  readonly size: number;
  get(k: string, start: number): StoredWindow<K, V> | undefined;
  /** Adds a new window, after the windows with the same key and start. */
  add(k: string, entry: StoredWindow<K, V>): void;
  delete(k: string, start: number): StoredWindow<K, V> | undefined;
  visit(k: string, from: number, to: number, visit: (e: StoredWindow<K, V>) => void): number;
  /** Windows with start <= limit are expired: drops them, at once or as it goes. */
  expire(limit: number): void;
  all(): Iterable<StoredWindow<K, V>>;
  clear(): void;
}

export class InMemoryWindowStore<K = unknown, V = unknown> implements WindowStore<K, V> {
  readonly kind = "window" as const;
  private readonly windows: WindowLayout<K, V>;
  private readonly changelog: WindowChangelogCache<StoredWindow<K, V>>;
  private observed = Number.NEGATIVE_INFINITY;
  private nextExpiry = Number.NEGATIVE_INFINITY;
  private nextChangelogExpiry = Number.NEGATIVE_INFINITY;
  /** The window the last fetch looked up (found or not): the put that follows reuses it. */
  private fetchedKey: string | undefined;
  private fetchedStart = Number.NaN;
  private fetched: StoredWindow<K, V> | undefined;
  /** Join buffers keep every write: a sequence number keeps their changelog keys distinct. */
  private seq = 0;

  constructor(
    readonly name: string,
    readonly retentionMs: number,
    private readonly retainDuplicates = false,
  ) {
    this.windows = retainDuplicates ? new KeyFirstWindows() : new TimeFirstWindows();
    this.changelog = new WindowChangelogCache(retentionMs, (logger, e) =>
      this.logWindow(logger, e),
    );
  }

  init(logger: ChangeLogger | undefined): void {
    this.changelog.attach(logger);
  }

  flush(): void {
    this.changelog.flush();
  }

  put(key: K, value: V | null, windowStart: number, timestamp: number): boolean {
    return this.apply(key, value, windowStart, timestamp, true);
  }

  fetch(key: K, windowStart: number): Timestamped<V> | undefined {
    if (!this.live(windowStart)) return undefined;
    const k = storeKey(key);
    this.fetchedKey = k;
    this.fetchedStart = windowStart;
    this.fetched = this.windows.get(k, windowStart);
    return this.fetched;
  }

  fetchRange(key: K, timeFrom: number, timeTo: number): WindowEntry<K, V>[] {
    const out: WindowEntry<K, V>[] = [];
    this.visitRange(key, timeFrom, timeTo, (e) => out.push(e));
    return out;
  }

  visitRange(
    key: K,
    timeFrom: number,
    timeTo: number,
    visit: (entry: WindowEntry<K, V>) => void,
  ): number {
    const from = Math.max(timeFrom, this.observed - this.retentionMs + 1);
    return from > timeTo ? 0 : this.windows.visit(storeKey(key), from, timeTo, visit);
  }

  *all(): Iterable<WindowEntry<K, V>> {
    for (const e of this.windows.all()) if (this.live(e.start)) yield e;
  }

  size(): number {
    return this.windows.size;
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) {
      const [key, start] = e.key as [K, number];
      this.apply(key, e.value as V | null, start, e.timestamp, false);
    }
  }

  close(): void {
    this.windows.clear();
    this.fetchedKey = undefined;
  }

  private live(start: number): boolean {
    return start > this.observed - this.retentionMs;
  }

  /**
   * A window that expired before the commit is not logged: restoring skips it anyway (the
   * changelog's later windows move restore past its retention too), so the restored store is
   * the same, and a commit after a burst does not encode windows already gone.
   */
  private logWindow(logger: ChangeLogger, e: StoredWindow<K, V>): void {
    if (!this.live(e.start)) return;
    const seq = this.retainDuplicates ? this.nextSeq() : 0;
    if (logger.logWindow !== undefined) logger.logWindow(e.key, e.start, seq, e.value, e.timestamp);
    else logger.log(seq === 0 ? [e.key, e.start] : [e.key, e.start, seq], e.value, e.timestamp);
  }

  /** Kafka's seqnum for duplicates: positive and wrapping, so 0 means "no duplicates". */
  private nextSeq(): number {
    this.seq = this.seq === 0x7fffffff ? 1 : this.seq + 1;
    return this.seq;
  }

  /** Writes a window in place; `logged` queues it in the changelog cache (not when restoring). */
  private apply(
    key: K,
    value: V | null,
    start: number,
    timestamp: number,
    logged: boolean,
  ): boolean {
    if (start > this.observed) {
      this.observed = start;
      if (start >= this.nextExpiry) this.expire();
      if (start >= this.nextChangelogExpiry) this.expireChangelog();
    }
    if (!this.live(start)) return false;
    const k = storeKey(key);
    if (value === null) this.erase(k, key, start, timestamp, logged);
    else this.write(k, key, value, start, timestamp, logged);
    return true;
  }

  private write(k: string, key: K, value: V, start: number, timestamp: number, logged: boolean) {
    let entry: StoredWindow<K, V> | undefined;
    if (this.retainDuplicates) entry = undefined;
    else if (k === this.fetchedKey && start === this.fetchedStart) entry = this.fetched;
    else entry = this.windows.get(k, start);
    this.fetchedKey = undefined;
    if (entry === undefined) {
      entry = { key, start, value, timestamp, dirty: false };
      this.windows.add(k, entry);
    } else {
      entry.value = value;
      entry.timestamp = timestamp;
    }
    if (logged) this.changelog.written(entry);
  }

  /** Deletes a window (join buffers, which retain duplicates, never delete by key). */
  private erase(k: string, key: K, start: number, timestamp: number, logged: boolean): void {
    const existing = this.retainDuplicates ? undefined : this.windows.delete(k, start);
    this.fetchedKey = undefined;
    const tombstone = { key, start, value: null as V, timestamp, dirty: false };
    if (logged) this.changelog.removed(existing, tombstone);
  }

  /**
   * Drops expired windows (reads already skip them); runs once per half retention of
   * stream-time progress, as Kafka's segmented stores drop a segment at most that often.
   */
  private expire(): void {
    this.windows.expire(this.observed - this.retentionMs);
    this.fetchedKey = undefined;
    this.nextExpiry = this.observed + Math.max(1, Math.floor(this.retentionMs / 2));
  }

  /** Unlogged windows that expired are dropped from the changelog cache more often: cheaply. */
  private expireChangelog(): void {
    this.changelog.expire(this.observed - this.retentionMs);
    this.nextChangelogExpiry = this.observed + Math.max(1, Math.floor(this.retentionMs / 4));
  }
}

/** Kafka's InMemoryWindowStore layout: start -> (key -> window), starts kept ascending. */
class TimeFirstWindows<K, V> implements WindowLayout<K, V> {
  private readonly byStart = new Map<number, Map<string, StoredWindow<K, V>>>();
  private readonly starts: number[] = [];
  /** Updates of one key arrive in the same window in runs: its segment is looked up once. */
  private lastStart = Number.NaN;
  private last: Map<string, StoredWindow<K, V>> | undefined;
  size = 0;

  get(k: string, start: number): StoredWindow<K, V> | undefined {
    return this.segment(start)?.get(k);
  }

  add(k: string, entry: StoredWindow<K, V>): void {
    let segment = this.segment(entry.start);
    if (segment === undefined) {
      segment = new Map();
      this.byStart.set(entry.start, segment);
      insertAt(this.starts, lowerBound(this.starts, entry.start), entry.start);
      this.lastStart = entry.start;
      this.last = segment;
    }
    segment.set(k, entry);
    this.size++;
  }

  delete(k: string, start: number): StoredWindow<K, V> | undefined {
    const segment = this.segment(start);
    const entry = segment?.get(k);
    if (entry === undefined) return undefined;
    segment!.delete(k);
    this.size--;
    if (segment!.size === 0) this.drop(lowerBound(this.starts, start), 1);
    return entry;
  }

  visit(k: string, from: number, to: number, visit: (e: StoredWindow<K, V>) => void): number {
    let n = 0;
    const starts = this.starts;
    for (let i = lowerBound(starts, from); i < starts.length && starts[i] <= to; i++) {
      const e = this.byStart.get(starts[i])!.get(k);
      if (e !== undefined) {
        visit(e);
        n++;
      }
    }
    return n;
  }

  expire(limit: number): void {
    let i = 0;
    while (i < this.starts.length && this.starts[i] <= limit) i++;
    this.drop(0, i);
  }

  *all(): Iterable<StoredWindow<K, V>> {
    for (const start of this.starts) yield* this.byStart.get(start)!.values();
  }

  clear(): void {
    this.drop(0, this.starts.length);
  }

  private segment(start: number): Map<string, StoredWindow<K, V>> | undefined {
    if (start === this.lastStart) return this.last;
    const segment = this.byStart.get(start);
    if (segment !== undefined) {
      this.lastStart = start;
      this.last = segment;
    }
    return segment;
  }

  private drop(from: number, n: number): void {
    if (n === 0) return;
    for (let i = from; i < from + n; i++) {
      this.size -= this.byStart.get(this.starts[i])!.size;
      this.byStart.delete(this.starts[i]);
    }
    this.starts.splice(from, n);
    this.lastStart = Number.NaN;
    this.last = undefined;
  }
}

/**
 * Per key, windows ascending by start (equal starts in write order): per-key range reads. A
 * key's expired windows are dropped when it is next written; a sweep over every key, for keys
 * no longer written, runs only every few expiries.
 */
class KeyFirstWindows<K, V> implements WindowLayout<K, V> {
  private readonly keys = new Map<string, StoredWindow<K, V>[]>();
  private limit = Number.NEGATIVE_INFINITY;
  private expiries = 0;
  size = 0;

  get(k: string, start: number): StoredWindow<K, V> | undefined {
    const windows = this.keys.get(k);
    if (windows === undefined) return undefined;
    const e = windows[firstFrom(windows, start)];
    return e?.start === start ? e : undefined;
  }

  add(k: string, entry: StoredWindow<K, V>): void {
    const windows = this.keys.get(k);
    this.size++;
    if (windows === undefined) {
      this.keys.set(k, [entry]);
      return;
    }
    this.trim(windows);
    insertAt(windows, firstFrom(windows, entry.start + 1), entry);
  }

  delete(k: string, start: number): StoredWindow<K, V> | undefined {
    const windows = this.keys.get(k);
    if (windows === undefined) return undefined;
    const i = firstFrom(windows, start);
    const e = windows[i];
    if (e?.start !== start) return undefined;
    windows.splice(i, 1);
    this.size--;
    if (windows.length === 0) this.keys.delete(k);
    return e;
  }

  visit(k: string, from: number, to: number, visit: (e: StoredWindow<K, V>) => void): number {
    const windows = this.keys.get(k);
    if (windows === undefined) return 0;
    let n = 0;
    for (let i = firstFrom(windows, from); i < windows.length && windows[i].start <= to; i++) {
      visit(windows[i]);
      n++;
    }
    return n;
  }

  expire(limit: number): void {
    this.limit = limit;
    if (++this.expiries % SWEEP_EVERY !== 0) return;
    // forEach rather than for-of: no [key, value] array per key
    this.keys.forEach((windows, k) => {
      this.trim(windows);
      if (windows.length === 0) this.keys.delete(k);
    });
  }

  *all(): Iterable<StoredWindow<K, V>> {
    for (const windows of this.keys.values()) yield* windows;
  }

  clear(): void {
    this.keys.clear();
    this.size = 0;
  }

  /** Drops a key's expired windows (the oldest come first). */
  private trim(windows: StoredWindow<K, V>[]): void {
    if (windows.length === 0 || windows[0].start > this.limit) return;
    const expired = firstFrom(windows, this.limit + 1);
    dropFront(windows, expired);
    this.size -= expired;
  }
}

/** Expiries between two sweeps of every key of a per-key layout. */
const SWEEP_EVERY = 8;

/** First index whose window starts at or after `start`. */
function firstFrom<K, V>(windows: readonly StoredWindow<K, V>[], start: number): number {
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (windows[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Windows mostly arrive in time order: appending is the common case and much cheaper. */
function insertAt<T>(items: T[], i: number, item: T): void {
  if (i === items.length) items.push(item);
  else items.splice(i, 0, item);
}

/** Removes the first `n` items in place (splice would allocate an array of them). */
function dropFront<T>(items: T[], n: number): void {
  items.copyWithin(0, n);
  items.length -= n;
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
