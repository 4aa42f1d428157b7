// Turns a runner's cumulative counters into the per-second metrics the dashboard shows.
import type { RunnerCounters } from "./runner";

export interface NodeMetrics {
  nodeId: string;
  recordsIn: number;
  recordsOut: number;
  /** Records per second over the last interval. */
  rateIn: number;
  rateOut: number;
}

export interface MetricsSnapshot extends Omit<RunnerCounters, "nodes"> {
  at: number;
  nodes: NodeMetrics[];
}

export function snapshot(
  counters: RunnerCounters,
  previous: MetricsSnapshot | undefined,
  now = Date.now(),
): MetricsSnapshot {
  const seconds = previous ? Math.max((now - previous.at) / 1000, 0.001) : 1;
  const before = new Map(previous?.nodes.map((n) => [n.nodeId, n]));
  return {
    ...counters,
    at: now,
    nodes: counters.nodes.map((n) => {
      const p = before.get(n.nodeId);
      return {
        ...n,
        rateIn: round((n.recordsIn - (p?.recordsIn ?? 0)) / seconds),
        rateOut: round((n.recordsOut - (p?.recordsOut ?? 0)) / seconds),
      };
    }),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
