// The in-memory key-value store against Kafka Streams' contracts: KeyValueStore reads and
// writes, ValueAndTimestamp snapshots, the record cache logging each key once per commit
// with its latest value, tombstones on delete, and an exact rebuild from the changelog.
import { describe, expect, it } from "vitest";
import { type ChangelogEntry, InMemoryKeyValueStore } from "../src/index";

function logged<K = string, V = number>() {
  const changelog: ChangelogEntry[] = [];
  const store = new InMemoryKeyValueStore<K, V>("kv");
  store.init({ log: (key, value, timestamp) => changelog.push({ key, value, timestamp }) });
  return { store, changelog };
}

const contents = (s: InMemoryKeyValueStore<unknown, unknown>) =>
  [...s.all()].map((e) => [e.key, e.value.value, e.value.timestamp]);

/** Deterministic pseudo-random integers (mulberry32). */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe("InMemoryKeyValueStore", () => {
  it("get returns a ValueAndTimestamp snapshot that later writes leave unchanged", () => {
    const { store } = logged();
    store.put("a", 1, 1_700_000_000_123);
    const before = store.get("a");
    store.put("a", 2, 1_700_000_000_456);
    expect(before).toEqual({ value: 1, timestamp: 1_700_000_000_123 });
    expect(store.get("a")).toEqual({ value: 2, timestamp: 1_700_000_000_456 });
    expect(store.get("b")).toBeUndefined();
  });

  it("keys of different types stay distinct (1 and '1')", () => {
    const { store } = logged<unknown, string>();
    store.put(1, "number", 1);
    store.put("1", "string", 2);
    store.put({ id: 1 }, "object", 3);
    expect(store.get(1)?.value).toBe("number");
    expect(store.get("1")?.value).toBe("string");
    expect(store.get({ id: 1 })?.value).toBe("object");
    expect(store.size()).toBe(3);
  });

  it("record cache: a key written many times between commits is logged once, with its latest value", () => {
    const { store, changelog } = logged();
    store.put("a", 1, 1);
    store.put("b", 1, 2);
    store.put("a", 2, 3);
    store.put("a", 3, 4);
    expect(changelog).toEqual([]);
    store.flush();
    expect(changelog).toEqual([
      { key: "a", value: 3, timestamp: 4 },
      { key: "b", value: 1, timestamp: 2 },
    ]);
    store.flush();
    expect(changelog).toHaveLength(2);
  });

  it("delete returns the old entry and logs a tombstone; a write then delete in one commit logs only the tombstone", () => {
    const { store, changelog } = logged();
    store.put("a", 1, 1);
    store.flush();
    store.put("a", 2, 2);
    expect(store.delete("a", 3)).toEqual({ value: 2, timestamp: 2 });
    expect(store.get("a")).toBeUndefined();
    expect(store.size()).toBe(0);
    store.flush();
    expect(changelog.slice(1)).toEqual([{ key: "a", value: null, timestamp: 3 }]);
  });

  it("delete then re-put in one commit logs the tombstone before the new value", () => {
    const { store, changelog } = logged();
    store.put("a", 1, 1);
    store.delete("a", 2);
    store.put("a", 5, 3);
    store.flush();
    expect(changelog).toEqual([
      { key: "a", value: null, timestamp: 2 },
      { key: "a", value: 5, timestamp: 3 },
    ]);
  });

  it("deleting an absent key still logs a tombstone (Kafka's delete is a put of null)", () => {
    const { store, changelog } = logged();
    expect(store.delete("x", 7)).toBeUndefined();
    store.flush();
    expect(changelog).toEqual([{ key: "x", value: null, timestamp: 7 }]);
  });

  it("put of a null value deletes the key, as restoring its changelog record would", () => {
    const { store, changelog } = logged<string, number | null>();
    store.put("a", 1, 1);
    store.put("a", null, 2);
    expect(store.get("a")).toBeUndefined();
    store.flush();
    expect(changelog).toEqual([{ key: "a", value: null, timestamp: 2 }]);
  });

  it("putIfAbsent writes only an absent key and returns what was there", () => {
    const { store } = logged();
    expect(store.putIfAbsent("a", 1, 1)).toBeUndefined();
    expect(store.putIfAbsent("a", 2, 2)).toEqual({ value: 1, timestamp: 1 });
    expect(store.get("a")).toEqual({ value: 1, timestamp: 1 });
  });

  it("range and all are ordered by serialized key with inclusive bounds, across deletes and reused slots", () => {
    const { store } = logged();
    for (const [i, k] of ["d", "b", "a", "c", "e"].entries()) store.put(k, i, i);
    store.delete("b", 9);
    store.flush();
    store.put("bb", 7, 10);
    expect([...store.range("b", "d")].map((e) => [e.key, e.value.value])).toEqual([
      ["bb", 7],
      ["c", 3],
      ["d", 0],
    ]);
    expect([...store.all()].map((e) => e.key)).toEqual(["a", "bb", "c", "d", "e"]);
  });

  it("an unlogged store reuses deleted slots without mixing keys", () => {
    const store = new InMemoryKeyValueStore<string, number>("kv");
    store.init(undefined);
    store.put("a", 1, 1);
    store.put("b", 2, 2);
    store.delete("a", 3);
    store.put("c", 3, 4);
    expect(contents(store)).toEqual([
      ["b", 2, 2],
      ["c", 3, 4],
    ]);
    store.flush();
    expect(store.size()).toBe(2);
  });

  it("restore: replaying the changelog rebuilds the store exactly after random puts and deletes of string and object keys", () => {
    const next = random(42);
    const { store, changelog } = logged<unknown, number>();
    for (let i = 0; i < 5000; i++) {
      const n = next(300);
      const key = n % 3 === 0 ? { id: n } : `k${n}`;
      const ts = 1_700_000_000_000 + i;
      if (next(4) === 0) store.delete(key, ts);
      else store.put(key, i, ts);
      if (next(50) === 0) store.flush();
    }
    store.flush();
    const rebuilt = new InMemoryKeyValueStore<unknown, number>("kv");
    rebuilt.restore(changelog);
    expect(contents(rebuilt)).toEqual(contents(store));
    expect(rebuilt.size()).toBe(store.size());
  });

  it("restore applies records without logging them, and a restored delete of a queued write drops it", () => {
    const { store, changelog } = logged();
    store.put("a", 1, 1);
    store.restore([
      { key: "b", value: 2, timestamp: 2 },
      { key: "a", value: null, timestamp: 3 },
    ]);
    store.put("c", 3, 4);
    store.flush();
    expect(changelog).toEqual([{ key: "c", value: 3, timestamp: 4 }]);
    expect(contents(store)).toEqual([
      ["b", 2, 2],
      ["c", 3, 4],
    ]);
  });
});
