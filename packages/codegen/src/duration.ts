// Durations in the largest unit that divides them exactly, so generated code says
// `5 MINUTES` / `Duration.ofMinutes(5)` rather than 300000 milliseconds.

export type TimeUnit = "days" | "hours" | "minutes" | "seconds" | "millis";

const UNITS: [TimeUnit, number][] = [
  ["days", 86_400_000],
  ["hours", 3_600_000],
  ["minutes", 60_000],
  ["seconds", 1_000],
];

export function splitDuration(ms: number): { amount: number; unit: TimeUnit } {
  for (const [unit, size] of UNITS) {
    if (ms > 0 && ms % size === 0) return { amount: ms / size, unit };
  }
  return { amount: ms, unit: "millis" };
}
