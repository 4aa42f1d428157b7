// The in-memory window store against Kafka's InMemoryWindowStore rules: retention relative to
// the highest window start seen, duplicates kept in write order, per-key time-range reads.
import { describe, expect, it } from "vitest";
import { InMemoryWindowStore, type WindowEntry } from "../src/index";

const starts = (entries: Iterable<WindowEntry<unknown, unknown>>) =>
  [...entries].map((e) => [e.key, e.start, e.value]);

function visited(store: InMemoryWindowStore, key: unknown, from: number, to: number) {
  const seen: WindowEntry<unknown, unknown>[] = [];
  const n = store.visitRange(key, from, to, (e) => seen.push(e));
  expect(n).toBe(seen.length);
  expect(starts(seen)).toEqual(starts(store.fetchRange(key, from, to)));
  return starts(seen);
}

describe("InMemoryWindowStore (Kafka's InMemoryWindowStore)", () => {
  it("a window with start <= observed stream time - retention is expired: put refused, reads skip it", () => {
    const store = new InMemoryWindowStore("w", 100);
    expect(store.put("a", 1, 0, 0)).toBe(true);
    expect(store.put("a", 2, 50, 50)).toBe(true);
    expect(store.put("b", 3, 100, 100)).toBe(true);
    expect(store.fetch("a", 0)).toBeUndefined();
    expect(store.put("a", 9, 0, 101)).toBe(false);
    expect(store.fetch("a", 50)?.value).toBe(2);
    expect(visited(store, "a", 0, 1000)).toEqual([["a", 50, 2]]);
    expect(starts(store.all())).toEqual([
      ["a", 50, 2],
      ["b", 100, 3],
    ]);
  });

  it("expired windows leave the store as whole starts (size counts live windows)", () => {
    const store = new InMemoryWindowStore("w", 100);
    for (let start = 0; start < 1000; start += 10) {
      for (const key of ["a", "b", "c"]) store.put(key, start, start, start);
    }
    expect(store.size()).toBeLessThanOrEqual(3 * 16);
    expect(starts(store.all()).every(([, start]) => (start as number) > 990 - 100)).toBe(true);
  });

  it("updates a window in place and deletes it with null; other keys of the start stay", () => {
    const store = new InMemoryWindowStore("w", 100);
    store.put({ id: 1 }, "x", 10, 10);
    store.put({ id: 2 }, "y", 10, 11);
    store.put({ id: 1 }, "z", 10, 12);
    expect(store.fetch({ id: 1 }, 10)).toMatchObject({ value: "z", timestamp: 12 });
    store.put({ id: 1 }, null, 10, 13);
    expect(store.fetch({ id: 1 }, 10)).toBeUndefined();
    expect(store.fetch({ id: 2 }, 10)?.value).toBe("y");
    expect(store.size()).toBe(1);
  });

  it("out-of-order starts are read back ascending", () => {
    const store = new InMemoryWindowStore("w", 1000);
    for (const start of [30, 10, 20, 0]) store.put("k", start, start, start);
    expect(visited(store, "k", 5, 25)).toEqual([
      ["k", 10, 10],
      ["k", 20, 20],
    ]);
  });

  it("retainDuplicates keeps every write of a start, in write order (join buffers)", () => {
    const store = new InMemoryWindowStore("w", 100, true);
    store.put("k", "first", 10, 10);
    store.put("k", "early", 5, 5);
    store.put("k", "second", 10, 10);
    store.put("j", "other key", 10, 10);
    expect(visited(store, "k", 0, 10)).toEqual([
      ["k", 5, "early"],
      ["k", 10, "first"],
      ["k", 10, "second"],
    ]);
    expect(store.size()).toBe(4);
  });

  it("join buffers drop expired windows: a key's when it is written again, idle keys later", () => {
    const store = new InMemoryWindowStore("w", 100, true);
    store.put("idle", "x", 0, 0);
    for (let start = 0; start <= 2000; start += 10) store.put("busy", start, start, start);
    expect(store.fetch("idle", 0)).toBeUndefined();
    expect(visited(store, "busy", 0, 2000).length).toBe(10);
    // the busy key holds at most its live windows plus those since the last expiry
    expect(store.size()).toBeLessThanOrEqual(10 + 5);
  });

  it("fetchAll(timeFrom, timeTo): every key's windows in the time range, live ones only (Kafka's WindowStore#fetchAll)", () => {
    for (const duplicates of [false, true]) {
      const store = new InMemoryWindowStore("w", 100, duplicates);
      for (const [key, start] of [
        ["a", 0],
        ["b", 50],
        ["a", 60],
        ["c", 120],
        ["b", 150],
      ] as const)
        store.put(key, start, start, start);
      const found = starts(store.fetchAll(0, 120)).sort(
        (x, y) => (x[1] as number) - (y[1] as number),
      );
      expect(found).toEqual([
        ["a", 60, 60],
        ["c", 120, 120],
      ]);
    }
  });
});
