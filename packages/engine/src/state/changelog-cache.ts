// The changelog side of Kafka Streams' record cache: a store updates its entries in place and
// queues each written entry once; at commit (flush) the latest state of every queued entry is
// logged. A key updated a thousand times between commits costs one changelog record, and a
// write costs no allocation.
import type { ChangeLogger } from "./store";

/** A store entry the cache can queue; `dirty` says it is queued and not yet logged. */
export interface CachedEntry {
  value: unknown;
  timestamp: number;
  dirty: boolean;
}

export class ChangelogCache<E extends CachedEntry> {
  private logger: ChangeLogger | undefined;
  private queued: E[] = [];

  /** `log` writes one entry's current state as a changelog record. */
  constructor(private readonly log: (logger: ChangeLogger, entry: E) => void) {}

  attach(logger: ChangeLogger | undefined): void {
    this.logger = logger;
  }

  /** An entry was created or updated in place. */
  written(entry: E): void {
    if (this.logger === undefined || entry.dirty) return;
    entry.dirty = true;
    this.queued.push(entry);
  }

  /**
   * An entry left the store. It stays untouched (a caller may still read the value it had),
   * but its queued state is superseded by `tombstone`, logged in its place.
   */
  removed(entry: E | undefined, tombstone: E): void {
    if (entry !== undefined) entry.dirty = false;
    this.written(tombstone);
  }

  flush(): void {
    const logger = this.logger;
    if (logger === undefined) return;
    for (const e of this.queued) {
      if (!e.dirty) continue;
      e.dirty = false;
      this.log(logger, e);
    }
    this.queued = [];
  }
}
