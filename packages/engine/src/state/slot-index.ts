// Hash index from serialized store key to entry slot: open addressing with linear probing in an
// Int32Array, about 12 bytes a key where a Map of a million entries takes about 29, and half
// the transient memory when it grows.

const MIN_CAPACITY = 1024;

export class SlotIndex {
  /** Bucket -> slot + 1; 0 is empty. */
  private table = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  /** Slot -> hash of its key, so probes compare strings only on a hash match and growth rehashes nothing. */
  private hashes = new Int32Array(MIN_CAPACITY);
  private count = 0;

  /** `keys` is the slot storage's key column, read when a probe meets a matching hash. */
  constructor(private readonly keys: readonly (string | undefined)[]) {}

  get size(): number {
    return this.count;
  }

  /** The slot of `k`, or -1. */
  get(k: string, hash: number): number {
    const { table, mask, hashes, keys } = this;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = table[i];
      if (entry === 0) return -1;
      if (hashes[entry - 1] === hash && keys[entry - 1] === k) return entry - 1;
    }
  }

  /** Indexes `slot` (whose key column holds a key not indexed yet) under `hash`. */
  add(slot: number, hash: number): void {
    if (slot >= this.hashes.length) this.hashes = grown(this.hashes, slot + 1);
    this.hashes[slot] = hash;
    if (++this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    this.place(slot, hash);
  }

  /** Removes `k` by shifting back the entries probed past it; returns its slot, or -1. */
  delete(k: string, hash: number): number {
    const slot = this.get(k, hash);
    if (slot < 0) return -1;
    const { table, mask, hashes } = this;
    let hole = hash & mask;
    while (table[hole] !== slot + 1) hole = (hole + 1) & mask;
    for (let i = (hole + 1) & mask; table[i] !== 0; i = (i + 1) & mask) {
      const home = hashes[table[i] - 1] & mask;
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        table[hole] = table[i];
        hole = i;
      }
    }
    table[hole] = 0;
    this.count--;
    return slot;
  }

  /** Every indexed slot, in no particular order. */
  *slots(): Generator<number> {
    for (const entry of this.table) if (entry !== 0) yield entry - 1;
  }

  clear(): void {
    this.table = new Int32Array(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.count = 0;
  }

  private place(slot: number, hash: number): void {
    const { table, mask } = this;
    let i = hash & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
  }

  private rehash(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (const entry of old) if (entry !== 0) this.place(entry - 1, this.hashes[entry - 1]);
  }
}

/** FNV-1a over UTF-16 code units with a murmur3 finalizer, so the low bits (the bucket) mix well. */
export function hashKey(k: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grown(old: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(min, old.length * 2));
  next.set(old);
  return next;
}
