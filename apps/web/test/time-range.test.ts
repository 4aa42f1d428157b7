import { describe, expect, it } from "vitest";
import { MIN_SPAN_S, timeRange } from "../src/lib/time-range";

describe("dashboard chart time axis", () => {
  it("a single sample gets the minute before it, not a zero-width axis", () => {
    expect(timeRange(null, 1_700_000_000, 1_700_000_000)).toEqual([
      1_700_000_000 - MIN_SPAN_S,
      1_700_000_000,
    ]);
  });

  it("no data shows the last minute up to now", () => {
    expect(timeRange(null, null, null, 2_000)).toEqual([2_000 - MIN_SPAN_S, 2_000]);
  });

  it("data wider than a minute is shown as it is", () => {
    expect(timeRange(null, 100, 400)).toEqual([100, 400]);
  });
});
