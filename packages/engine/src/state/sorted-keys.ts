// Keeps a Map's keys in sorted order for range scans, cheaply when keys arrive in order
// (appends) and by re-sorting lazily otherwise; deleted keys are skipped at scan time.

export class SortedKeys {
  private keys: string[] = [];
  private sorted = true;
  private deleted = 0;

  added(key: string): void {
    const last = this.keys[this.keys.length - 1];
    if (this.sorted && last !== undefined && key < last) this.sorted = false;
    this.keys.push(key);
  }

  removed(): void {
    this.deleted++;
  }

  /** Live keys in [from, to] (bounds optional), ascending. */
  *range(live: (key: string) => boolean, from?: string, to?: string): Generator<string> {
    this.compact(live);
    const keys = this.keys;
    let i = from === undefined ? 0 : lowerBound(keys, from);
    for (; i < keys.length; i++) {
      const key = keys[i];
      if (to !== undefined && key > to) return;
      if (live(key)) yield key;
    }
  }

  clear(): void {
    this.keys = [];
    this.sorted = true;
    this.deleted = 0;
  }

  private compact(live: (key: string) => boolean): void {
    if (this.deleted > 0) {
      this.keys = [...new Set(this.keys)].filter(live);
      this.deleted = 0;
    }
    if (!this.sorted) {
      this.keys = [...new Set(this.keys)].sort();
      this.sorted = true;
    }
  }
}

/** First index whose element is >= value. */
export function lowerBound<T>(items: readonly T[], value: T): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
