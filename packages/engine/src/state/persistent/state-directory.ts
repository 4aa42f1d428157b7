// Persistent state for every store kind (Kafka Streams' StateDirectory + checkpoint file):
// a store's compacted changelog view lives in LMDB, written from a cache at each commit
// together with the changelog offset it reaches, so a restart restores only the tail.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Database, open, type RootDatabase } from "lmdb";
import type { ChangelogEntry, StateStore } from "../store";
import { storeKey } from "../store-key";

type StoreId = [store: string, partition: number];
type EntryId = [store: string, partition: number, key: string];

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
  store(name: string, partition: number): StoreCheckpoint {
    return new StoreCheckpoint(this.root, this.entries, this.checkpoints, [name, partition]);
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

export class StoreCheckpoint {
  /** Writes since the last flush, latest per changelog key (the write cache). */
  private readonly pending = new Map<string, ChangelogEntry>();

  constructor(
    private readonly root: RootDatabase,
    private readonly entries: Database<ChangelogEntry, EntryId>,
    private readonly checkpoints: Database<number, StoreId>,
    private readonly id: StoreId,
  ) {}

  /** Changelog offset the flushed copy reaches; undefined when nothing was ever flushed. */
  offset(): number | undefined {
    return this.checkpoints.get(this.id);
  }

  /** Restores `store` from the flushed copy; returns the changelog offset to replay from. */
  load(store: StateStore): number {
    const [name, partition] = this.id;
    const flushed = this.entries.getRange({
      start: [name, partition, ""],
      end: [name, partition, "\uffff"],
    });
    store.restore(flushed.map(({ value }) => value));
    return this.offset() ?? 0;
  }

  /** Adds a store's changelog entries since the last call to the write cache. */
  stage(entries: Iterable<ChangelogEntry>): void {
    for (const e of entries) this.pending.set(storeKey(e.key), e);
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
    if (this.pending.size === 0 && this.checkpoints.get(this.id) === changelogOffset) return;
    const [name, partition] = this.id;
    for (const [key, entry] of this.pending) {
      if (entry.value === null) this.entries.remove([name, partition, key]);
      else this.entries.put([name, partition, key], entry);
    }
    this.checkpoints.put(this.id, changelogOffset);
    this.pending.clear();
  }

  /** Drops the flushed copy (a task that lost its partition, or a wiped store). */
  wipe(): void {
    const [name, partition] = this.id;
    this.root.transactionSync(() => {
      for (const key of this.entries.getKeys({
        start: [name, partition, ""],
        end: [name, partition, "\uffff"],
      })) {
        this.entries.remove(key);
      }
      this.checkpoints.remove(this.id);
    });
    this.pending.clear();
  }
}
