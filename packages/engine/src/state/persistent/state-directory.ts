// Persistent state for every store kind (Kafka Streams' StateDirectory + checkpoint file):
// a store's compacted changelog view lives in LMDB, written from a cache at each commit
// together with the changelog offset it reaches, so a restart restores only the tail. A window
// or session store's entries are keyed by time first, and those past the store's retention
// are deleted as one key range, as Kafka's segmented stores drop expired segments, so its copy
// does not grow with every window ever seen.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Database, open, type RangeOptions, type RootDatabase } from "lmdb";
import type { ChangelogEntry, StateStore, StoreSupplier } from "../store";
import { storeKey } from "../store-key";

type StoreId = [store: string, partition: number];
/** A key-value entry's id; a window or session entry has its time before the key. */
type EntryId =
  | [store: string, partition: number, key: string]
  | [store: string, partition: number, time: number, key: string];

/** How a window or session store's entries expire: by a time read from the changelog key. */
interface Expiry {
  retentionMs: number;
  timeOf(key: unknown): number;
}

/**
 * A window store's changelog key is [key, start] or [key, start, seq] and expires by start; a
 * session store's is [key, start, end] and expires by end (the stores' own rules).
 */
function expiryOf(store: StoreSupplier): Expiry | undefined {
  if (store.retentionMs === undefined) return undefined;
  const at = store.kind === "session" ? 2 : 1;
  return { retentionMs: store.retentionMs, timeOf: (key) => (key as number[])[at] };
}

/** One LMDB file holding every store of one application instance. */
export class StateDirectory {
  readonly file: string;
  private readonly root: RootDatabase;
  private readonly entries: Database<ChangelogEntry, EntryId>;
  private readonly checkpoints: Database<number, StoreId>;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, "state.mdb");
    // noMetaSync: a system crash may undo the last checkpoint (more changelog to replay) but
    // never breaks the file; a process crash loses nothing.
    this.root = open({ path: this.file, maxDbs: 4, noMetaSync: true });
    this.entries = this.root.openDB({ name: "entries" });
    this.checkpoints = this.root.openDB({ name: "checkpoints" });
  }

  /** Flushes several stores' checkpoints in one transaction (one sync per commit). */
  flush(checkpoints: Iterable<[StoreCheckpoint, number]>): void {
    this.root.transactionSync(() => {
      for (const [checkpoint, offset] of checkpoints) checkpoint.writeInTxn(offset);
    });
  }

  /** The persistent side of one store of one task (store name × input partition). */
  store(store: StoreSupplier, partition: number): StoreCheckpoint {
    const dbs = { entries: this.entries, checkpoints: this.checkpoints };
    return new StoreCheckpoint(this.root, dbs, [store.name, partition], expiryOf(store));
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

interface CheckpointDatabases {
  entries: Database<ChangelogEntry, EntryId>;
  checkpoints: Database<number, StoreId>;
}

const MIN = -Number.MAX_VALUE;

export class StoreCheckpoint {
  /** Writes since the last flush, latest per changelog key (the write cache). */
  private readonly pending = new Map<string, ChangelogEntry>();
  /** The latest window start or session end seen: the store's observed stream time. */
  private observed = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly root: RootDatabase,
    private readonly dbs: CheckpointDatabases,
    private readonly id: StoreId,
    private readonly expiry: Expiry | undefined,
  ) {
    if (expiry !== undefined) {
      const [name, partition] = id;
      const latest = { start: [name, partition, Number.MAX_VALUE], end: [name, partition, MIN] };
      for (const key of dbs.entries.getKeys({ ...latest, reverse: true, limit: 1 })) {
        this.observed = key[2] as number;
      }
    }
  }

  /** Changelog offset the flushed copy reaches; undefined when nothing was ever flushed. */
  offset(): number | undefined {
    return this.dbs.checkpoints.get(this.id);
  }

  /** Restores `store` from the flushed copy; returns the changelog offset to replay from. */
  load(store: StateStore): number {
    if (this.expiry !== undefined && !this.isEmpty(this.keyRange())) {
      // windows keyed by key alone: a copy from before they were keyed by time, which could
      // not expire them; the store restores from its changelog instead
      this.wipe();
      return 0;
    }
    const entries = this.dbs.entries.getRange(this.range());
    store.restore(entries.map(({ value }) => value));
    return this.offset() ?? 0;
  }

  /** Adds a store's changelog entries since the last call to the write cache. */
  stage(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) {
      this.pending.set(storeKey(e.key), e);
      if (this.expiry !== undefined) {
        this.observed = Math.max(this.observed, this.expiry.timeOf(e.key));
      }
    }
  }

  /**
   * Writes the cached entries and the changelog offset they reach in one transaction. Call it
   * after the commit that made those changelog records durable, never before.
   */
  flush(changelogOffset: number): void {
    this.root.transactionSync(() => this.writeInTxn(changelogOffset));
  }

  /** The write of `flush`, inside a transaction the caller opened; skipped when nothing changed. */
  writeInTxn(changelogOffset: number): void {
    if (this.pending.size === 0 && this.offset() === changelogOffset) return;
    const { entries } = this.dbs;
    for (const [key, entry] of this.pending) {
      const id = this.entryId(key, entry);
      if (entry.value === null) entries.remove(id);
      else entries.put(id, entry);
    }
    this.expire();
    this.dbs.checkpoints.put(this.id, changelogOffset);
    this.pending.clear();
  }

  /** Drops the flushed copy (a task that lost its partition, or a wiped store). */
  wipe(): void {
    const { entries, checkpoints } = this.dbs;
    this.root.transactionSync(() => {
      for (const range of [this.keyRange(), this.timeRange(Number.MAX_VALUE)]) {
        for (const key of entries.getKeys(range)) entries.remove(key);
      }
      checkpoints.remove(this.id);
    });
    this.pending.clear();
    this.observed = Number.NEGATIVE_INFINITY;
  }

  private entryId(key: string, entry: ChangelogEntry): EntryId {
    const [name, partition] = this.id;
    if (this.expiry === undefined) return [name, partition, key];
    return [name, partition, this.expiry.timeOf(entry.key), key];
  }

  /** Deletes the windows or sessions at or before the retention limit (the store drops them too). */
  private expire(): void {
    if (this.expiry === undefined) return;
    const limit = this.observed - this.expiry.retentionMs;
    if (!Number.isFinite(limit)) return;
    for (const key of this.dbs.entries.getKeys(this.timeRange(limit))) this.dbs.entries.remove(key);
  }

  /** This store's entries: by time for a windowed store, else by key. */
  private range() {
    return this.expiry === undefined ? this.keyRange() : this.timeRange(Number.MAX_VALUE);
  }

  private keyRange() {
    const [name, partition] = this.id;
    return { start: [name, partition, ""], end: [name, partition, "\uffff"] };
  }

  /** Time-keyed entries up to and including time `upTo` (every key sorts before "\uffff"). */
  private timeRange(upTo: number) {
    const [name, partition] = this.id;
    return { start: [name, partition, MIN], end: [name, partition, upTo, "\uffff"] };
  }

  private isEmpty(range: RangeOptions): boolean {
    for (const _ of this.dbs.entries.getKeys({ ...range, limit: 1 })) return false;
    return true;
  }
}
