// A bounded outbox for one client's subscription to one deployment. The producer (the
// deployment) never waits: past the rate limit or the capacity, new records are dropped and
// counted, and the count goes to the client with its next batch.

export class ClientQueue<T> {
  private items: T[] = [];
  private tokens: number;
  private refilledAt?: number;
  /** Dropped since the last drain, reported to the client then reset. */
  private droppedSinceDrain = 0;
  droppedTotal = 0;

  constructor(
    readonly capacity: number,
    /** Records per second this client accepts; the rest is sampled out. */
    readonly ratePerSecond: number,
  ) {
    this.tokens = ratePerSecond;
  }

  get size() {
    return this.items.length;
  }

  /** Queues the item unless rate or capacity says no; never blocks. */
  offer(item: T, now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1 || this.items.length >= this.capacity) {
      this.droppedSinceDrain++;
      this.droppedTotal++;
      return false;
    }
    this.tokens--;
    this.items.push(item);
    return true;
  }

  hasNews(): boolean {
    return this.items.length > 0 || this.droppedSinceDrain > 0;
  }

  /** Takes everything queued and the drop count since the last drain. */
  drain(): { items: T[]; dropped: number } {
    const out = { items: this.items, dropped: this.droppedSinceDrain };
    this.items = [];
    this.droppedSinceDrain = 0;
    return out;
  }

  private refill(now: number) {
    const elapsed = now - (this.refilledAt ?? now);
    this.refilledAt = now;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
  }
}
