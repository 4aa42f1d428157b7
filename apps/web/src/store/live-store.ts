// What a running deployment reports: per-node metrics (drawn on edges), recent output records
// per sink or tapped node, and a short history of totals for the charts.
import { create } from "zustand";

export interface NodeMetrics {
  recordsIn: number;
  recordsOut: number;
  /** Output records per second over the last interval. */
  rate: number;
}

export interface LiveRecord {
  node: string;
  topic?: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  window?: { start: number; end: number };
  partition?: number;
  offset?: number;
}

export interface MetricsSample {
  at: number;
  throughput: number;
  lag: number;
  lateDrops: number;
  deadLetters: number;
}

export interface MetricsUpdate {
  at: number;
  nodes: Record<string, NodeMetrics>;
  lag: number;
  lateDrops: number;
  deadLetters: number;
}

const RECORDS_KEPT = 200;
const SAMPLES_KEPT = 300;

interface LiveState {
  metrics: Record<string, NodeMetrics>;
  samples: MetricsSample[];
  records: Record<string, LiveRecord[]>;
  dropped: number;
  paused: boolean;
  taps: string[];
  reset: () => void;
  onMetrics: (update: MetricsUpdate) => void;
  onRecords: (records: LiveRecord[], dropped?: number) => void;
  setPaused: (paused: boolean) => void;
  setTaps: (taps: string[]) => void;
}

export const useLive = create<LiveState>()((set) => ({
  metrics: {},
  samples: [],
  records: {},
  dropped: 0,
  paused: false,
  taps: [],
  reset: () => set({ metrics: {}, samples: [], records: {}, dropped: 0 }),
  onMetrics: (u) =>
    set((s) => {
      const throughput = Object.values(u.nodes).reduce((sum, m) => sum + m.rate, 0);
      const sample = {
        at: u.at,
        throughput,
        lag: u.lag,
        lateDrops: u.lateDrops,
        deadLetters: u.deadLetters,
      };
      return { metrics: u.nodes, samples: [...s.samples.slice(-(SAMPLES_KEPT - 1)), sample] };
    }),
  onRecords: (incoming, dropped = 0) =>
    set((s) => {
      if (s.paused) return { dropped: s.dropped + dropped };
      const records = { ...s.records };
      for (const r of incoming)
        records[r.node] = [r, ...(records[r.node] ?? [])].slice(0, RECORDS_KEPT);
      return { records, dropped: s.dropped + dropped };
    }),
  setPaused: (paused) => set({ paused }),
  setTaps: (taps) => set({ taps }),
}));
