// The key-value store's hash index must behave as a Map from key to slot through growth and
// deletes, including when many keys share a hash (long probe runs shifted back on delete).
import { describe, expect, it } from "vitest";
import { hashKey, SlotIndex } from "../src/state/slot-index";

/** Runs random adds and deletes against the index and a Map, comparing them throughout. */
function checkAgainstMap(hashOf: (k: string) => number, universe: number, steps: number): void {
  const keys: (string | undefined)[] = [];
  const index = new SlotIndex(keys);
  const expected = new Map<string, number>();
  const free: number[] = [];
  let seed = 7;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let step = 0; step < steps; step++) {
    const k = `key-${next(universe)}`;
    const slot = expected.get(k);
    if (slot !== undefined && next(3) === 0) {
      if (index.delete(k, hashOf(k)) !== slot) throw new Error(`delete ${k} at step ${step}`);
      expected.delete(k);
      keys[slot] = undefined;
      free.push(slot);
    } else if (slot === undefined) {
      const created = free.pop() ?? keys.length;
      keys[created] = k;
      index.add(created, hashOf(k));
      expected.set(k, created);
    }
  }
  expect(index.size).toBe(expected.size);
  const all = Array.from({ length: universe }, (_, i) => `key-${i}`);
  expect(all.map((k) => index.get(k, hashOf(k)))).toEqual(all.map((k) => expected.get(k) ?? -1));
  expect([...index.slots()].sort((a, b) => a - b)).toEqual(
    [...expected.values()].sort((a, b) => a - b),
  );
}

describe("SlotIndex", () => {
  it("matches a Map through growth past 30k keys and random deletes", () => {
    checkAgainstMap(hashKey, 40_000, 120_000);
  });

  it("matches a Map when keys collide in a few hashes (deletes shift probe runs back)", () => {
    checkAgainstMap((k) => hashKey(k) & 7, 600, 5_000);
  });

  it("a missing key is -1 and deleting it changes nothing", () => {
    const keys = ["a"];
    const index = new SlotIndex(keys);
    index.add(0, hashKey("a"));
    expect(index.get("b", hashKey("b"))).toBe(-1);
    expect(index.delete("b", hashKey("b"))).toBe(-1);
    expect(index.get("a", hashKey("a"))).toBe(0);
    expect(index.size).toBe(1);
  });
});
