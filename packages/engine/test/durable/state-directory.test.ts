// Persistent stores: every store kind restores to exactly the uninterrupted state, both from
// checkpoint + changelog tail and from the changelog alone (Kafka Streams' restore rules).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ChangelogEntry,
  type InMemoryKeyValueStore,
  type InMemorySessionStore,
  type InMemoryWindowStore,
  inMemoryKeyValueStore,
  inMemorySessionStore,
  inMemoryWindowStore,
  type StateStore,
  type StoreSupplier,
} from "../../src/state";
import { StateDirectory } from "../../src/state/persistent";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Case<S extends StateStore> {
  supplier: StoreSupplier;
  make: () => S;
  /** Writes in two phases: the first is flushed, the second only reaches the changelog. */
  write: (store: S, phase: 1 | 2) => void;
  contents: (store: S) => unknown[];
}

const counts = inMemoryKeyValueStore("counts");
const keyValue: Case<InMemoryKeyValueStore<string, number>> = {
  supplier: counts,
  make: () => counts.get() as InMemoryKeyValueStore<string, number>,
  write: (s, phase) => {
    for (let i = 0; i < 50; i++) s.put(`k${(i * 7) % 13}`, i * phase, i);
    if (phase === 2) s.delete("k3", 99);
    else s.delete("k5", 60);
  },
  contents: (s) => [...s.all()].map((e) => [e.key, e.value.value, e.value.timestamp]),
};

const windowed = inMemoryWindowStore("windowed", 10_000);
const window: Case<InMemoryWindowStore<string, number>> = {
  supplier: windowed,
  make: () => windowed.get() as InMemoryWindowStore<string, number>,
  write: (s, phase) => {
    for (let i = 0; i < 40; i++)
      s.put(`k${i % 5}`, i, (phase * 40 + i) * 100 - (((phase * 40 + i) * 100) % 1000), i);
    s.put("k1", null, phase === 1 ? 3000 : 7000, 1);
  },
  contents: (s) => [...s.all()].map((e) => [e.key, e.start, e.value, e.timestamp]),
};

const sessions = inMemorySessionStore("sessions", 100_000);
const session: Case<InMemorySessionStore<string, number>> = {
  supplier: sessions,
  make: () => sessions.get() as InMemorySessionStore<string, number>,
  write: (s, phase) => {
    for (let i = 0; i < 30; i++)
      s.put(`u${i % 4}`, phase * 1000 + i * 10, phase * 1000 + i * 10 + 5, i, i);
    s.remove(
      phase === 1 ? "u2" : "u1",
      phase * 1000 + 20 + (phase === 1 ? 0 : -10),
      phase * 1000 + 25 + (phase === 1 ? 0 : -10),
      0,
    );
  },
  // by key, then end, as interactive queries list sessions (the store's own order is its
  // keys' insertion order, which a restore in time order need not repeat)
  contents: (s) =>
    [...s.all()]
      .sort((a, b) => a.key.localeCompare(b.key) || a.end - b.end)
      .map((e) => [e.key, e.start, e.end, e.value]),
};

describe.each([
  ["key-value", keyValue],
  ["window", window],
  ["session", session],
] as unknown as [string, Case<StateStore>][])("persistent %s store", (_kind, c) => {
  function run() {
    const dir = mkdtempSync(join(tmpdir(), "riffle-state-"));
    dirs.push(dir);
    const changelog: ChangelogEntry[] = [];
    const original = c.make();
    const directory = new StateDirectory(dir);
    const checkpoint = directory.store(c.supplier, 2);
    original.init({ log: (key, value, timestamp) => changelog.push({ key, value, timestamp }) });
    c.write(original, 1);
    original.flush(); // a commit: stores log their cached writes
    checkpoint.stage(changelog);
    checkpoint.flush(changelog.length);
    const flushedAt = changelog.length;
    c.write(original, 2);
    original.flush(); // the changelog has it, the checkpoint never will: the process dies here
    return { dir, directory, changelog, original, flushedAt };
  }

  it("restores from checkpoint + changelog tail to exactly the uninterrupted contents", async () => {
    const { dir, directory, changelog, original, flushedAt } = run();
    await directory.close();
    const reopened = new StateDirectory(dir);
    const restored = c.make();
    const from = reopened.store(c.supplier, 2).load(restored);
    expect(from).toBe(flushedAt);
    expect(from).toBeGreaterThan(0);
    restored.restore(changelog.slice(from));
    expect(c.contents(restored)).toEqual(c.contents(original));
    expect(c.contents(restored).length).toBeGreaterThan(0);
    await reopened.close();
  });

  it("restores from the changelog alone to exactly the uninterrupted contents", async () => {
    const { directory, changelog, original } = run();
    const restored = c.make();
    restored.restore(changelog);
    expect(c.contents(restored)).toEqual(c.contents(original));
    await directory.close();
  });

  it("keeps stores of other partitions apart and forgets a wiped store", async () => {
    const { dir, directory } = run();
    const other = c.make();
    expect(directory.store(c.supplier, 3).load(other)).toBe(0);
    expect(c.contents(other)).toEqual([]);
    directory.store(c.supplier, 2).wipe();
    await directory.close();
    const reopened = new StateDirectory(dir);
    const empty = c.make();
    expect(reopened.store(c.supplier, 2).offset()).toBeUndefined();
    reopened.store(c.supplier, 2).load(empty);
    expect(c.contents(empty)).toEqual([]);
    await reopened.close();
  });
});

describe("persistent window and session stores drop what their retention expires", () => {
  /** Counts what a checkpoint holds: the entries `load` hands to a store's restore. */
  function held(directory: StateDirectory, supplier: StoreSupplier): number {
    let entries = 0;
    const counter = {
      restore: (all: Iterable<ChangelogEntry>) => {
        for (const _ of all) entries++;
      },
    };
    directory.store(supplier, 0).load(counter as unknown as StateStore);
    return entries;
  }

  it.each([
    [
      "window (expired by start, as Kafka's segmented window store)",
      inMemoryWindowStore("w", 10_000),
    ],
    [
      "session (expired by end, as Kafka's segmented session store)",
      inMemorySessionStore("s", 10_000),
    ],
  ] as [string, StoreSupplier][])(
    "%s: the checkpoint keeps only live entries and restores the store exactly",
    async (_kind, supplier) => {
      const dir = mkdtempSync(join(tmpdir(), "riffle-state-"));
      dirs.push(dir);
      const directory = new StateDirectory(dir);
      const checkpoint = directory.store(supplier, 0);
      const store = supplier.get();
      const changelog: ChangelogEntry[] = [];
      store.init({ log: (key, value, timestamp) => changelog.push({ key, value, timestamp }) });
      // 300 windows or sessions 1 s apart over two keys, flushed every 10: 30 s of retention
      // would hold 11 of them per key at most
      for (let i = 0; i < 300; i++) {
        const t = i * 1000;
        if (store.kind === "window") (store as InMemoryWindowStore).put(`k${i % 2}`, i, t, t);
        else (store as InMemorySessionStore).put(`k${i % 2}`, t, t + 500, i, t);
        if (i % 10 === 9) {
          store.flush();
          checkpoint.stage(changelog.splice(0));
          checkpoint.flush(i);
        }
      }
      expect(held(directory, supplier)).toBeLessThanOrEqual(12);
      await directory.close();
      const reopened = new StateDirectory(dir);
      const restored = supplier.get();
      reopened.store(supplier, 0).load(restored);
      const contents = (s: StateStore) =>
        [...(s as InMemoryWindowStore).all()].map((e) => JSON.stringify(e));
      expect(contents(restored)).toEqual(contents(store));
      expect(contents(restored).length).toBeGreaterThan(5);
      // the observed time survives the reopen: the next flush goes on expiring
      const next = reopened.store(supplier, 0);
      const late = 400_000;
      next.stage([
        {
          key: store.kind === "window" ? ["k0", late] : ["k0", late, late + 500],
          value: 1,
          timestamp: late,
        },
      ]);
      next.flush(301);
      expect(held(reopened, supplier)).toBe(1);
      await reopened.close();
    },
  );

  it("a window store copy keyed by key alone (written before windows were keyed by time) is dropped: the store restores from its changelog", async () => {
    const dir = mkdtempSync(join(tmpdir(), "riffle-state-"));
    dirs.push(dir);
    const supplier = inMemoryWindowStore("w", 10_000);
    const directory = new StateDirectory(dir);
    // the earlier layout is the key-value one: [store, partition, key]
    const legacy = directory.store(inMemoryKeyValueStore("w"), 0);
    legacy.stage([{ key: ["k", 1000], value: 1, timestamp: 1000 }]);
    legacy.flush(7);
    const store = supplier.get();
    expect(directory.store(supplier, 0).load(store)).toBe(0);
    expect(store.size()).toBe(0);
    expect(directory.store(supplier, 0).offset()).toBeUndefined();
    await directory.close();
  });
});
