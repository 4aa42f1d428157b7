// Timestamped window store. Windows older than the retention period (relative to the highest
// start seen) expire, as in Kafka's window stores. Aggregation stores keep Kafka's in-memory
// layout, start -> (key -> window); duplicate-retaining ones (stream-stream join and
// sliding-window buffers) keep windows per key (see window-layouts). Windows are updated in
// place and logged once per commit, Kafka's record cache.
import type { ChangeLogger, ChangelogEntry, StateStore, StoreSupplier, Timestamped } from "./store";
import { storeKey } from "./store-key";
import {
  KeyFirstWindows,
  TimeFirstWindows,
  type WindowEntry,
  type WindowLayout,
} from "./window-layouts";

export type { WindowEntry };

export interface WindowStore<K = unknown, V = unknown> extends StateStore {
  readonly kind: "window";
  readonly retentionMs: number;
  /** Stores (or with null deletes) a window; false when the window is already expired. */
  put(key: K, value: V | null, windowStart: number, timestamp: number): boolean;
  /** The window's state; it may be updated in place by later writes: read it before writing. */
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
  /** Windows of every key with timeFrom <= start <= timeTo (Kafka's WindowStore#fetchAll). */
  fetchAll(timeFrom: number, timeTo: number): Iterable<WindowEntry<K, V>>;
}

export class InMemoryWindowStore<K = unknown, V = unknown> implements WindowStore<K, V> {
  readonly kind = "window" as const;
  private readonly windows: WindowLayout<K, V>;
  private logger: ChangeLogger | undefined;
  private readonly log = (key: K, start: number, value: V | null, timestamp: number) =>
    this.logWindow(key, start, value, timestamp);
  private observed = Number.NEGATIVE_INFINITY;
  private nextExpiry = Number.NEGATIVE_INFINITY;
  /** Join buffers keep every write: a sequence number keeps their changelog keys distinct. */
  private seq = 0;

  constructor(
    readonly name: string,
    readonly retentionMs: number,
    private readonly retainDuplicates = false,
  ) {
    this.windows = retainDuplicates
      ? new KeyFirstWindows(retentionMs)
      : new TimeFirstWindows<K, V>();
  }

  init(logger: ChangeLogger | undefined): void {
    this.logger = logger;
  }

  flush(): void {
    if (this.logger !== undefined) this.windows.flush(this.log);
  }

  put(key: K, value: V | null, windowStart: number, timestamp: number): boolean {
    return this.apply(key, value, windowStart, timestamp, this.logger !== undefined);
  }

  fetch(key: K, windowStart: number): Timestamped<V> | undefined {
    if (!this.live(windowStart)) return undefined;
    return this.windows.get(storeKey(key), windowStart);
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

  all(): Iterable<WindowEntry<K, V>> {
    return this.fetchAll(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  fetchAll(timeFrom: number, timeTo: number): Iterable<WindowEntry<K, V>> {
    return this.windows.allIn(Math.max(timeFrom, this.observed - this.retentionMs + 1), timeTo);
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
  }

  private live(start: number): boolean {
    return start > this.observed - this.retentionMs;
  }

  /**
   * A window that expired before the commit is not logged: restoring skips it anyway (the
   * changelog's later windows move restore past its retention too), so the restored store is
   * the same, and a commit after a burst does not encode windows already gone.
   */
  private logWindow(key: K, start: number, value: V | null, timestamp: number): void {
    const logger = this.logger!;
    if (!this.live(start)) return;
    const seq = this.retainDuplicates ? this.nextSeq() : 0;
    if (logger.logWindow !== undefined) logger.logWindow(key, start, seq, value, timestamp);
    else logger.log(seq === 0 ? [key, start] : [key, start, seq], value, timestamp);
  }

  /** Kafka's seqnum for duplicates: positive and wrapping, so 0 means "no duplicates". */
  private nextSeq(): number {
    this.seq = this.seq === 0x7fffffff ? 1 : this.seq + 1;
    return this.seq;
  }

  /** Writes a window in place; `logged` queues it for the next commit (not when restoring). */
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
    }
    if (!this.live(start)) return false;
    const k = storeKey(key);
    if (value === null) this.windows.delete(k, key, start, timestamp, logged);
    else this.windows.put(k, key, start, value, timestamp, logged);
    return true;
  }

  /**
   * Drops expired windows (reads already skip them); runs once per quarter retention of
   * stream-time progress, as Kafka's segmented stores drop a segment at a time.
   */
  private expire(): void {
    this.windows.expire(this.observed - this.retentionMs);
    this.nextExpiry = this.observed + Math.max(1, Math.floor(this.retentionMs / 4));
  }
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
    retentionMs,
    get: () => new InMemoryWindowStore<K, V>(name, retentionMs, retainDuplicates),
  };
}
