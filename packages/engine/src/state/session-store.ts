// Session store: per key, sessions [start, end] (both inclusive) sorted by end. Sessions that
// ended before the retention period are dropped.
import type { ChangeLogger, ChangelogEntry, StateStore, StoreSupplier, Timestamped } from "./store";
import { storeKey } from "./store-key";

export interface SessionEntry<K, V> extends Timestamped<V> {
  readonly key: K;
  readonly start: number;
  readonly end: number;
}

export interface SessionStore<K = unknown, V = unknown> extends StateStore {
  readonly kind: "session";
  /** Sessions of `key` with end >= earliestEnd and start <= latestStart, ascending by end. */
  findSessions(key: K, earliestEnd: number, latestStart: number): SessionEntry<K, V>[];
  fetchSession(key: K, start: number, end: number): SessionEntry<K, V> | undefined;
  put(key: K, start: number, end: number, value: V, timestamp: number): void;
  remove(key: K, start: number, end: number, timestamp: number): void;
  all(): Iterable<SessionEntry<K, V>>;
}

export class InMemorySessionStore<K = unknown, V = unknown> implements SessionStore<K, V> {
  readonly kind = "session" as const;
  private readonly keys = new Map<string, SessionEntry<K, V>[]>();
  private logger: ChangeLogger | undefined;
  private observed = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    readonly name: string,
    private readonly retentionMs: number,
  ) {}

  init(logger: ChangeLogger | undefined): void {
    this.logger = logger;
  }

  /** Session merges are logged as they happen: nothing is cached. */
  flush(): void {}

  findSessions(key: K, earliestEnd: number, latestStart: number): SessionEntry<K, V>[] {
    const sessions = this.keys.get(storeKey(key)) ?? [];
    const limit = this.observed - this.retentionMs;
    return sessions.filter((s) => s.end >= earliestEnd && s.start <= latestStart && s.end > limit);
  }

  fetchSession(key: K, start: number, end: number): SessionEntry<K, V> | undefined {
    return this.keys.get(storeKey(key))?.find((s) => s.start === start && s.end === end);
  }

  put(key: K, start: number, end: number, value: V, timestamp: number): void {
    this.apply(key, start, end, value, timestamp);
    this.logger?.log([key, start, end], value, timestamp);
  }

  remove(key: K, start: number, end: number, timestamp: number): void {
    this.apply(key, start, end, null, timestamp);
    this.logger?.log([key, start, end], null, timestamp);
  }

  *all(): Iterable<SessionEntry<K, V>> {
    for (const sessions of this.keys.values()) yield* sessions;
  }

  size(): number {
    return this.count;
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) {
      const [key, start, end] = e.key as [K, number, number];
      this.apply(key, start, end, e.value as V | null, e.timestamp);
    }
  }

  close(): void {
    this.keys.clear();
    this.count = 0;
  }

  private apply(key: K, start: number, end: number, value: V | null, timestamp: number): void {
    if (end > this.observed) this.observed = end;
    const k = storeKey(key);
    const sessions = (this.keys.get(k) ?? []).filter((s) => {
      const keep =
        !(s.start === start && s.end === end) && s.end > this.observed - this.retentionMs;
      if (!keep) this.count--;
      return keep;
    });
    if (value !== null) {
      sessions.push({ key, start, end, value, timestamp });
      sessions.sort((a, b) => a.end - b.end || a.start - b.start);
      this.count++;
    }
    if (sessions.length === 0) this.keys.delete(k);
    else this.keys.set(k, sessions);
  }
}

/** Kafka's `Stores.inMemorySessionStore(name, retention)`. */
export function inMemorySessionStore<K = unknown, V = unknown>(
  name: string,
  retentionMs: number,
  logged = true,
): StoreSupplier<SessionStore<K, V>> {
  return {
    name,
    kind: "session",
    logged,
    retentionMs,
    get: () => new InMemorySessionStore<K, V>(name, retentionMs),
  };
}
