// java.time.Duration literals in the largest exact unit: Duration.ofMinutes(5).
import { splitDuration } from "../duration";

const FACTORIES = {
  days: "ofDays",
  hours: "ofHours",
  minutes: "ofMinutes",
  seconds: "ofSeconds",
  millis: "ofMillis",
} as const;

export function javaDuration(ms: number): string {
  if (ms === 0) return "Duration.ZERO";
  const { amount, unit } = splitDuration(ms);
  return `Duration.${FACTORIES[unit]}(${amount})`;
}
