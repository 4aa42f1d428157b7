// Document windows onto the DSL's window specs. An unset grace is 24 hours: the default of
// Kafka Streams' original window API and of ksqlDB.
import type { Window } from "@riffle/topology";
import { SessionWindows } from "../kstream/session-windows";
import { SlidingWindows } from "../kstream/sliding-windows";
import { TimeWindows } from "../kstream/time-windows";

export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;

export function windowSpec(w: Window): TimeWindows | SlidingWindows | SessionWindows {
  const grace = w.graceMs ?? DEFAULT_GRACE_MS;
  switch (w.type) {
    case "tumbling":
      return TimeWindows.ofSizeAndGrace(w.sizeMs, grace);
    case "hopping":
      return TimeWindows.ofSizeAndGrace(w.sizeMs, grace).advanceBy(w.advanceMs);
    case "sliding":
      return SlidingWindows.ofTimeDifferenceAndGrace(w.timeDifferenceMs, grace);
    case "session":
      return SessionWindows.ofInactivityGapAndGrace(w.gapMs, grace);
  }
}
