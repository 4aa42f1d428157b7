// Suppressed: hold KTable updates back — until the window closes (one final result per
// window) or for a time limit with an optional record bound (Kafka's Suppressed).
export type Suppressed =
  | { readonly until: "window-close"; readonly name?: string }
  | {
      readonly until: "time-limit";
      readonly timeToWaitMs: number;
      readonly maxRecords?: number;
      readonly name?: string;
    };

export const Suppressed = {
  untilWindowCloses(): Suppressed {
    return { until: "window-close" };
  },
  untilTimeLimit(timeToWaitMs: number, maxRecords?: number): Suppressed {
    return { until: "time-limit", timeToWaitMs, maxRecords };
  },
};
