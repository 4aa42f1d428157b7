// Turns windowed output records into chart series: one line per key (the busiest few), the
// aggregate's latest value per window start.
import type { LiveRecord } from "../store/live-store";

const MAX_KEYS = 5;

function numeric(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (value && typeof value === "object") {
    const first = Object.values(value).find((v) => typeof v === "number");
    return typeof first === "number" ? first : null;
  }
  return null;
}

export function windowSeries(records: LiveRecord[]): { keys: string[]; data: number[][] } {
  const byKey = new Map<string, Map<number, number>>();
  // Records arrive newest first: the first value seen per (key, window) is the latest update.
  for (const r of records) {
    const v = numeric(r.value);
    if (!r.window || v === null) continue;
    const key = JSON.stringify(r.key);
    const windows = byKey.get(key) ?? new Map<number, number>();
    if (!windows.has(r.window.start)) windows.set(r.window.start, v);
    byKey.set(key, windows);
  }
  const keys = [...byKey.keys()]
    .sort((a, b) => byKey.get(b)!.size - byKey.get(a)!.size)
    .slice(0, MAX_KEYS);
  const starts = [...new Set(keys.flatMap((k) => [...byKey.get(k)!.keys()]))].sort((a, b) => a - b);
  const data = [
    starts.map((s) => s / 1000),
    ...keys.map((k) => starts.map((s) => byKey.get(k)!.get(s) ?? null) as number[]),
  ];
  return { keys, data };
}
