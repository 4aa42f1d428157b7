// Kafka Streams window specs: TimeWindows, SlidingWindows, SessionWindows, JoinWindows.
import type { Window } from "@riffle/topology";
import { DEFAULT_GRACE_MS } from "../default-grace";
import { javaDuration as d } from "./durations";

/** `...AndGrace(size, grace)`; an unset grace is the 24-hour default, written out. */
function graced(cls: string, base: string, ms: number, graceMs: number | undefined): string {
  return `${cls}.${base}AndGrace(${d(ms)}, ${d(graceMs ?? DEFAULT_GRACE_MS)})`;
}

export function windowSpec(window: Window): { code: string; classes: string[] } {
  switch (window.type) {
    case "tumbling":
      return {
        code: graced("TimeWindows", "ofSize", window.sizeMs, window.graceMs),
        classes: ["TimeWindows"],
      };
    case "hopping": {
      const base = graced("TimeWindows", "ofSize", window.sizeMs, window.graceMs);
      return { code: `${base}.advanceBy(${d(window.advanceMs)})`, classes: ["TimeWindows"] };
    }
    case "sliding":
      return {
        code: graced("SlidingWindows", "ofTimeDifference", window.timeDifferenceMs, window.graceMs),
        classes: ["SlidingWindows"],
      };
    case "session":
      return {
        code: graced("SessionWindows", "ofInactivityGap", window.gapMs, window.graceMs),
        classes: ["SessionWindows"],
      };
  }
}

/** JoinWindows: symmetric via ofTimeDifference, asymmetric narrowed with before(). */
export function joinWindows(beforeMs: number, afterMs: number, graceMs?: number): string {
  const base = graced("JoinWindows", "ofTimeDifference", afterMs, graceMs);
  return beforeMs === afterMs ? base : `${base}.before(${d(beforeMs)})`;
}
