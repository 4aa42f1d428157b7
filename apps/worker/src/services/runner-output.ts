// The engine's counters and tapped records in the worker's terms, shared by the embedded and
// the Kafka runner so both report metrics and live records alike.
import type { MetricsSnapshot as EngineMetrics, TappedRecord } from "@riffle/engine";
import type { OutputBatch, OutputRecord, RunnerCounters } from "./runner";

/** Per-node counters, lag (where the runtime knows it) and store sizes. */
export function toCounters(
  m: EngineMetrics & { lag?: Record<string, number> },
  deadLetters = m.deadLetters,
): RunnerCounters {
  const nodes = Object.entries(m.nodes);
  return {
    nodes: nodes.map(([nodeId, c]) => ({
      nodeId,
      recordsIn: c.recordsIn,
      recordsOut: c.recordsOut,
    })),
    lag: m.lag ?? {},
    stores: Object.entries(m.storeSizes).map(([name, size]) => ({ name, size })),
    lateDrops: nodes.reduce((sum, [, c]) => sum + c.dropped, 0) + m.droppedRecords,
    deadLetters,
  };
}

/** A tapped node's record; windowed keys bring their window. */
export function tapOutput(r: TappedRecord): OutputRecord {
  const windowed = r.key as { key?: unknown; window?: { start: number; end: number } } | null;
  const isWindowed = windowed?.window !== undefined && typeof windowed.window?.start === "number";
  return {
    nodeId: r.node,
    key: isWindowed ? windowed!.key : r.key,
    value: r.value,
    timestamp: r.timestamp,
    partition: r.partition,
    offset: r.offset,
    window: isWindowed ? windowed!.window : undefined,
  };
}

/** A batch of one record already decoded; `tap` names the tapped node, none for sink output. */
export function oneRecord(record: OutputRecord, tap?: string): OutputBatch {
  return { tap, size: 1, record: () => record };
}
