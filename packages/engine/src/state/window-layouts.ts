// Where a window store keeps its windows, and which of them its next commit logs. Aggregation
// stores use Kafka's in-memory layout, start -> (key -> window), in columns: a window is a slot
// (its key, value and timestamp in arrays), not an object, so a store holding short-lived
// windows adds little for the garbage collector to trace or promote. Duplicate-retaining stores
// (join and sliding-window buffers) read per-key time ranges, so they keep windows per key.
import { type CachedEntry, WindowChangelogCache } from "./changelog-cache";
import { lowerBound } from "./sorted-keys";
import type { Timestamped } from "./store";

export interface WindowEntry<K, V> extends Timestamped<V> {
  readonly key: K;
  readonly start: number;
}

/** Logs one window's state (null: deleted) at a commit. */
export type WindowLog<K, V> = (key: K, start: number, value: V | null, timestamp: number) => void;

export interface WindowLayout<K, V> {
  /** Windows held, expired ones not yet dropped included. */
  readonly size: number;
  /** The window's state now (the result may or may not follow later writes). */
  get(k: string, start: number): Timestamped<V> | undefined;
  /** Updates the window, or adds it (duplicate-retaining layouts always add). */
  put(k: string, key: K, start: number, value: V, timestamp: number, logged: boolean): void;
  /** Deletes the window; a logged delete is logged as a tombstone. */
  delete(k: string, key: K, start: number, timestamp: number, logged: boolean): void;
  visit(k: string, from: number, to: number, visit: (e: WindowEntry<K, V>) => void): number;
  /** Windows with start <= limit are expired: drops them, at once or as it goes. */
  expire(limit: number): void;
  all(): Iterable<WindowEntry<K, V>>;
  /** Windows of every key with from <= start <= to. */
  allIn(from: number, to: number): Iterable<WindowEntry<K, V>>;
  /** Logs the windows written since the last flush, each once with its latest state. */
  flush(log: WindowLog<K, V>): void;
  clear(): void;
}

/** The windows of one start: slot per key, columns per field, slots written since the flush. */
class Segment<K, V> {
  readonly slots = new Map<string, number>();
  readonly keys: K[] = [];
  readonly values: (V | typeof DELETED)[] = [];
  /** Plain arrays (doubles and small integers are stored unboxed): a one-window start is cheap. */
  readonly timestamps: number[] = [];
  /** 1 for slots in `dirty`, the slots written since the last flush, each once. */
  readonly queued: number[] = [];
  dirty: number[] = [];

  constructor(readonly start: number) {}

  add(key: K, value: V, timestamp: number): number {
    const slot = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
    this.timestamps.push(timestamp);
    this.queued.push(0);
    return slot;
  }

  written(slot: number): void {
    if (this.queued[slot] === 1) return;
    this.queued[slot] = 1;
    this.dirty.push(slot);
  }

  flush(log: WindowLog<K, V>): void {
    for (const slot of this.dirty) {
      this.queued[slot] = 0;
      const value = this.values[slot];
      if (value !== DELETED) log(this.keys[slot], this.start, value, this.timestamps[slot]);
    }
    this.dirty = [];
  }

  entry(slot: number): WindowEntry<K, V> {
    return {
      key: this.keys[slot],
      start: this.start,
      value: this.values[slot] as V,
      timestamp: this.timestamps[slot],
    };
  }
}

const DELETED: unique symbol = Symbol("deleted window");

interface Tombstone<K> {
  key: K;
  start: number;
  timestamp: number;
}

/**
 * Kafka's InMemoryWindowStore layout. A deleted window's slot stays (marked) until its start
 * expires; its tombstone is logged before the commit's live windows, so a window deleted and
 * written again between two commits restores to the new value.
 */
export class TimeFirstWindows<K, V> implements WindowLayout<K, V> {
  private readonly byStart = new Map<number, Segment<K, V>>();
  private readonly starts: number[] = [];
  private tombstones: Tombstone<K>[] = [];
  /** The segment of the last start looked up: updates of one window come in runs. */
  private last: Segment<K, V> | undefined;
  /** What `get` found last (slot or none): the put that usually follows reuses it. */
  private gotKey: string | undefined;
  private gotSegment: Segment<K, V> | undefined;
  private gotSlot: number | undefined;
  size = 0;

  get(k: string, start: number): Timestamped<V> | undefined {
    const segment = this.segment(start);
    const slot = segment?.slots.get(k);
    this.gotKey = k;
    this.gotSegment = segment;
    this.gotSlot = slot;
    if (slot === undefined) return undefined;
    return { value: segment!.values[slot] as V, timestamp: segment!.timestamps[slot] };
  }

  put(k: string, key: K, start: number, value: V, timestamp: number, logged: boolean): void {
    const found = this.segment(start);
    const reuse = k === this.gotKey && found === this.gotSegment;
    const segment = found ?? this.create(start);
    const slot = reuse ? this.gotSlot : segment.slots.get(k);
    this.gotKey = undefined;
    let written: number;
    if (slot === undefined) {
      written = segment.add(key, value, timestamp);
      segment.slots.set(k, written);
      this.size++;
    } else {
      written = slot;
      segment.values[slot] = value;
      segment.timestamps[slot] = timestamp;
    }
    if (logged) segment.written(written);
  }

  delete(k: string, key: K, start: number, timestamp: number, logged: boolean): void {
    const segment = this.segment(start);
    const slot = segment?.slots.get(k);
    this.gotKey = undefined;
    if (slot !== undefined) {
      segment!.slots.delete(k);
      segment!.values[slot] = DELETED;
      this.size--;
    }
    if (logged) this.tombstones.push({ key, start, timestamp });
  }

  visit(k: string, from: number, to: number, visit: (e: WindowEntry<K, V>) => void): number {
    let n = 0;
    const starts = this.starts;
    for (let i = lowerBound(starts, from); i < starts.length && starts[i] <= to; i++) {
      const segment = this.byStart.get(starts[i])!;
      const slot = segment.slots.get(k);
      if (slot !== undefined) {
        visit(segment.entry(slot));
        n++;
      }
    }
    return n;
  }

  expire(limit: number): void {
    let i = 0;
    while (i < this.starts.length && this.starts[i] <= limit) i++;
    this.drop(i);
  }

  all(): Iterable<WindowEntry<K, V>> {
    return this.allIn(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  *allIn(from: number, to: number): Iterable<WindowEntry<K, V>> {
    const starts = this.starts;
    for (let i = lowerBound(starts, from); i < starts.length && starts[i] <= to; i++) {
      const segment = this.byStart.get(starts[i])!;
      for (const slot of segment.slots.values()) yield segment.entry(slot);
    }
  }

  flush(log: WindowLog<K, V>): void {
    for (const t of this.tombstones) log(t.key, t.start, null, t.timestamp);
    this.tombstones = [];
    for (const start of this.starts) this.byStart.get(start)!.flush(log);
  }

  clear(): void {
    this.drop(this.starts.length);
    this.tombstones = [];
  }

  private segment(start: number): Segment<K, V> | undefined {
    if (this.last?.start === start) return this.last;
    const segment = this.byStart.get(start);
    if (segment !== undefined) this.last = segment;
    return segment;
  }

  private create(start: number): Segment<K, V> {
    const segment = new Segment<K, V>(start);
    this.byStart.set(start, segment);
    insertAt(this.starts, lowerBound(this.starts, start), start);
    this.last = segment;
    return segment;
  }

  /** Drops the `n` oldest starts. */
  private drop(n: number): void {
    if (n === 0) return;
    for (let i = 0; i < n; i++) {
      this.size -= this.byStart.get(this.starts[i])!.slots.size;
      this.byStart.delete(this.starts[i]);
    }
    this.starts.splice(0, n);
    this.last = undefined;
    this.gotKey = undefined;
  }
}

interface StoredWindow<K, V> extends CachedEntry {
  readonly key: K;
  readonly start: number;
  value: V;
}

/**
 * Per key, windows ascending by start, equal starts in write order; every write is a new
 * window, logged once. A key's expired windows are dropped when it is next written; a sweep
 * over every key, for keys no longer written, runs only every few expiries.
 */
export class KeyFirstWindows<K, V> implements WindowLayout<K, V> {
  private readonly keys = new Map<string, StoredWindow<K, V>[]>();
  private readonly changelog: WindowChangelogCache<StoredWindow<K, V>>;
  private limit = Number.NEGATIVE_INFINITY;
  private expiries = 0;
  size = 0;

  constructor(retentionMs: number) {
    this.changelog = new WindowChangelogCache(retentionMs);
  }

  get(k: string, start: number): Timestamped<V> | undefined {
    const windows = this.keys.get(k);
    if (windows === undefined) return undefined;
    const e = windows[firstFrom(windows, start)];
    return e?.start === start ? e : undefined;
  }

  put(k: string, key: K, start: number, value: V, timestamp: number, logged: boolean): void {
    const entry = { key, start, value, timestamp, dirty: false };
    const windows = this.keys.get(k);
    this.size++;
    if (windows === undefined) this.keys.set(k, [entry]);
    else {
      this.trim(windows);
      insertAt(windows, firstFrom(windows, start + 1), entry);
    }
    if (logged) this.changelog.written(entry);
  }

  /** Duplicates are never deleted by key (Kafka's stores ignore such deletes too). */
  delete(): void {}

  visit(k: string, from: number, to: number, visit: (e: WindowEntry<K, V>) => void): number {
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
    this.changelog.expire(limit);
    if (++this.expiries % SWEEP_EVERY !== 0) return;
    // forEach rather than for-of: no [key, value] array per key
    this.keys.forEach((windows, k) => {
      this.trim(windows);
      if (windows.length === 0) this.keys.delete(k);
    });
  }

  *all(): Iterable<WindowEntry<K, V>> {
    for (const windows of this.keys.values()) yield* windows;
  }

  *allIn(from: number, to: number): Iterable<WindowEntry<K, V>> {
    for (const e of this.all()) if (e.start >= from && e.start <= to) yield e;
  }

  flush(log: WindowLog<K, V>): void {
    this.changelog.flush((e) => log(e.key, e.start, e.value, e.timestamp));
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
