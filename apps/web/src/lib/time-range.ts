// The x-axis range of the dashboard's time-series charts.

/** Shortest span the axis shows, in seconds. */
export const MIN_SPAN_S = 60;

/** uPlot spans the data it has; one sample (or none) would give a zero-width axis that uPlot
 *  labels with arbitrary dates, so the axis shows at least the last minute up to the data. */
export function timeRange(
  _chart: unknown,
  min: number | null,
  max: number | null,
  now = Date.now() / 1000,
): [number, number] {
  const end = max ?? now;
  const start = min ?? end;
  return end - start >= MIN_SPAN_S ? [start, end] : [end - MIN_SPAN_S, end];
}
