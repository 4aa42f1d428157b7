// Column storage for key-value entries: one slot per entry, its serialized key, value,
// timestamp and changelog state in flat arrays rather than one object per entry (a timestamp
// is a float in place, not a boxed number). A string key is its own serialized form, so only
// other keys are kept a second time, as given.
import type { ChangeLogger, Timestamped } from "./store";

/** Written since the last flush: the slot's state at flush time is logged, once. */
const DIRTY = 1;
/** Gone from the store; kept until the flush so that a tombstone keeps its place, then freed. */
const RETIRED = 2;

export class EntrySlots<K, V> {
  /** Serialized keys (`storeKey`); the array is never replaced, so an index may hold it. */
  readonly keys: (string | undefined)[] = [];
  /** Keys that are not strings, as given (sparse): a string key is its serialized form. */
  private originals: (K | undefined)[] = [];
  private values: (V | undefined)[] = [];
  private timestamps = new Float64Array(1024);
  private states = new Uint8Array(1024);
  private free: number[] = [];
  /** Slots marked dirty since the last flush, in order of their first write. */
  private pending: number[] = [];

  add(k: string, key: K, value: V, timestamp: number): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.appended();
    this.keys[slot] = k;
    if (typeof key !== "string") this.originals[slot] = key;
    this.values[slot] = value;
    this.timestamps[slot] = timestamp;
    return slot;
  }

  set(slot: number, value: V, timestamp: number): void {
    this.values[slot] = value;
    this.timestamps[slot] = timestamp;
  }

  key(slot: number): K {
    const original = slot < this.originals.length ? this.originals[slot] : undefined;
    return (original !== undefined ? original : this.keys[slot]) as K;
  }

  /** A copy: later writes to the slot do not change it (Kafka's ValueAndTimestamp). */
  entry(slot: number): Timestamped<V> {
    return { value: this.values[slot] as V, timestamp: this.timestamps[slot] };
  }

  /** Queues the slot for the next flush unless it is queued already. */
  dirty(slot: number): void {
    const state = this.states[slot];
    if ((state & DIRTY) !== 0) return;
    this.states[slot] = state | DIRTY;
    this.pending.push(slot);
  }

  /** The slot's key was deleted: the flush logs a tombstone in its place, then frees it. */
  tombstone(slot: number, timestamp: number): void {
    this.set(slot, undefined as V, timestamp);
    this.states[slot] |= RETIRED;
    this.dirty(slot);
  }

  /** Frees the slot without logging; a queued slot is only freed at the flush, after its turn. */
  discard(slot: number): void {
    if (this.states[slot] === 0) this.release(slot);
    else this.states[slot] = RETIRED;
  }

  /** Logs the current state of every queued slot once, in queue order; frees retired slots. */
  flush(logger: ChangeLogger): void {
    const pending = this.pending;
    this.pending = [];
    for (const slot of pending) {
      const state = this.states[slot];
      if ((state & DIRTY) !== 0) {
        const value = (state & RETIRED) !== 0 ? null : this.values[slot];
        logger.log(this.key(slot), value, this.timestamps[slot]);
      }
      if ((state & RETIRED) !== 0) this.release(slot);
      else this.states[slot] = 0;
    }
  }

  private release(slot: number): void {
    this.keys[slot] = undefined;
    if (slot < this.originals.length) this.originals[slot] = undefined;
    this.values[slot] = undefined;
    this.states[slot] = 0;
    this.free.push(slot);
  }

  /** A new slot at the end, growing the typed columns by doubling. */
  private appended(): number {
    const slot = this.keys.length;
    if (slot === this.timestamps.length) {
      this.timestamps = grown(this.timestamps, new Float64Array(slot * 2));
      this.states = grown(this.states, new Uint8Array(slot * 2));
    }
    this.keys.push(undefined);
    this.values.push(undefined);
    return slot;
  }
}

function grown<T extends Float64Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
