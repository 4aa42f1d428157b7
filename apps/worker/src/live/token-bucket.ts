// The rate limit of a live subscription: a token bucket refilled at `ratePerSecond` holding at
// most one second's worth, so a client gets bursts up to its rate and a steady state at it.

export class TokenBucket {
  private tokens: number;
  private refilledAt?: number;

  constructor(readonly ratePerSecond: number) {
    this.tokens = ratePerSecond;
  }

  /** Takes up to `wanted` whole tokens at time `now` (ms); returns how many it took. */
  take(wanted: number, now: number): number {
    this.refill(now);
    const taken = Math.max(0, Math.min(wanted, Math.floor(this.tokens)));
    this.tokens -= taken;
    return taken;
  }

  private refill(now: number) {
    const elapsed = now - (this.refilledAt ?? now);
    this.refilledAt = now;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
  }
}
