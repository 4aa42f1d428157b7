// Tumbling and hopping windows: epoch-aligned [start, start + size), advancing by `advance`.
import type { TimeWindow } from "../processor/processor";

export class TimeWindows {
  private constructor(
    readonly sizeMs: number,
    readonly advanceMs: number,
    readonly graceMs: number,
  ) {
    if (sizeMs <= 0) throw new RangeError("window size must be > 0");
    if (advanceMs <= 0 || advanceMs > sizeMs) throw new RangeError("advance must be in (0, size]");
  }
  static ofSizeWithNoGrace(sizeMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, 0);
  }
  static ofSizeAndGrace(sizeMs: number, graceMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, graceMs);
  }
  /** Hopping windows. */
  advanceBy(advanceMs: number): TimeWindows {
    return new TimeWindows(this.sizeMs, advanceMs, this.graceMs);
  }
  /** Every window containing `timestamp`, ascending by start (Kafka's TimeWindows#windowsFor). */
  windowsFor(timestamp: number): TimeWindow[] {
    if (this.advanceMs === this.sizeMs) {
      const start = timestamp - (timestamp % this.sizeMs);
      return [{ start, end: start + this.sizeMs }];
    }
    const size = this.sizeMs;
    const advance = this.advanceMs;
    const first = Math.max(0, timestamp - size + advance);
    const windows: TimeWindow[] = [];
    for (let start = first - (first % advance); start <= timestamp; start += advance) {
      windows.push({ start, end: start + size });
    }
    return windows;
  }
}
