// The changelog side of Kafka Streams' record cache: a store queues each written entry once
// and at commit (flush) logs the latest state of every queued entry. (The key-value store and
// the aggregation window store keep the same bookkeeping in their own columns.)

/** A store entry the cache can queue; `dirty` says it is queued and not yet logged. */
export interface CachedEntry {
  value: unknown;
  timestamp: number;
  dirty: boolean;
}

/**
 * The changelog cache of a duplicate-retaining window store, where every write is a new entry:
 * queues by time bucket of window starts (a quarter of the retention wide). A bucket whose
 * windows have all expired is dropped whole, so a window that expires before the commit is
 * neither logged nor kept alive until then (restoring would skip it anyway).
 */
export class WindowChangelogCache<E extends CachedEntry & { readonly start: number }> {
  private readonly buckets = new Map<number, E[]>();
  private readonly width: number;
  private lastId = Number.NaN;
  private last: E[] | undefined;

  constructor(retentionMs: number) {
    this.width = Math.max(1, Math.floor(retentionMs / 4));
  }

  written(entry: E): void {
    if (entry.dirty) return;
    entry.dirty = true;
    this.bucket(entry.start).push(entry);
  }

  /** Logs every queued entry's current state once, bucket by bucket in write order. */
  flush(log: (entry: E) => void): void {
    for (const queue of this.buckets.values()) {
      for (const e of queue) {
        e.dirty = false;
        log(e);
      }
    }
    this.buckets.clear();
    this.forget();
  }

  /** Drops the buckets whose windows all start at or before `limit` (expired). */
  expire(limit: number): void {
    for (const id of this.buckets.keys()) {
      if ((id + 1) * this.width - 1 <= limit) this.buckets.delete(id);
    }
    this.forget();
  }

  private bucket(start: number): E[] {
    const id = Math.floor(start / this.width);
    if (id === this.lastId) return this.last!;
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(id, bucket);
    }
    this.lastId = id;
    this.last = bucket;
    return bucket;
  }

  private forget(): void {
    this.lastId = Number.NaN;
    this.last = undefined;
  }
}
