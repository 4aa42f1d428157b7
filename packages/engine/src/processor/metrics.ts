// Counters the runtime keeps per processor node and per deployment: records in/out, late
// drops, skipped records and dead letters. Plain number fields so the hot path only increments.

export interface NodeCounters {
  recordsIn: number;
  recordsOut: number;
  /** Records dropped by this node: late (past grace), null keys, expired windows. */
  dropped: number;
}

export interface MetricsSnapshot {
  nodes: Record<string, NodeCounters>;
  /** Records skipped before processing (invalid timestamp) — Kafka's dropped-records. */
  droppedRecords: number;
  deadLetters: number;
  storeSizes: Record<string, number>;
}

export class Metrics {
  readonly nodes = new Map<string, NodeCounters>();
  droppedRecords = 0;
  deadLetters = 0;

  node(name: string): NodeCounters {
    let c = this.nodes.get(name);
    if (!c) {
      c = { recordsIn: 0, recordsOut: 0, dropped: 0 };
      this.nodes.set(name, c);
    }
    return c;
  }

  snapshot(storeSizes: Record<string, number>): MetricsSnapshot {
    const nodes: Record<string, NodeCounters> = {};
    for (const [name, c] of this.nodes) nodes[name] = { ...c };
    return {
      nodes,
      droppedRecords: this.droppedRecords,
      deadLetters: this.deadLetters,
      storeSizes,
    };
  }
}
