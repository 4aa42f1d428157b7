// Counters the runtime keeps per processor node and per deployment: records in/out, late
// drops, skipped records and dead letters. A record is counted once per edge it crosses, in one
// typed array: a node's records out are the slots of its outgoing edges, its records in the
// slots of the edges reaching it, summed only when a snapshot is taken.
import type { GraphNode } from "../kstream/internals/graph-node";

/** A node's counters as a snapshot reports them. */
export interface NodeCounters {
  recordsIn: number;
  recordsOut: number;
  /** Records dropped by this node: late (past grace), null keys, expired windows. */
  dropped: number;
}

/** What a processor counts itself: the records it drops. */
export interface DropCounter {
  dropped: number;
}

export interface MetricsSnapshot {
  nodes: Record<string, NodeCounters>;
  /** Records skipped before processing (invalid timestamp) — Kafka's dropped-records. */
  droppedRecords: number;
  deadLetters: number;
  storeSizes: Record<string, number>;
}

/** The slots of one node; tasks of a sub-topology share them, as they share node names. */
interface NodeSlots {
  /** Records a source reads (-1 for other nodes: their input is what their parents sent). */
  readonly read: number;
  /** Forwards to every child (`Downstream.all`). */
  readonly all: number;
  /** Forwards to the children on one port (`Downstream.port`); unknown ports share `detached`. */
  readonly ports: Map<string, number>;
  readonly detached: number;
  /** Slots of the parents' edges that reach this node, once per edge. */
  readonly inputs: number[];
}

export class Metrics {
  /** Sized from the graph before any task is built, so processors may hold on to it. */
  readonly counts: Float64Array;
  droppedRecords = 0;
  deadLetters = 0;
  private readonly slots = new Map<GraphNode, NodeSlots>();
  private readonly drops = new Map<string, DropCounter>();

  constructor(nodes: readonly GraphNode[]) {
    let next = 0;
    for (const n of nodes) {
      const ports = new Map<string, number>();
      for (const c of n.children) if (!ports.has(c.port)) ports.set(c.port, next++);
      const read = n.source ? next++ : -1;
      this.slots.set(n, { read, all: next++, detached: next++, ports, inputs: [] });
    }
    for (const [parent, own] of this.slots) {
      for (const c of parent.children) {
        this.slots.get(c.node)?.inputs.push(own.all, own.ports.get(c.port)!);
      }
    }
    this.counts = new Float64Array(next);
  }

  /** The slot counting what `node` forwards on `port`, or to all its children. */
  outSlot(node: GraphNode, port?: string): number {
    const s = this.of(node);
    return port === undefined ? s.all : (s.ports.get(port) ?? s.detached);
  }

  /** The slot counting the records a source node reads. */
  readSlot(node: GraphNode): number {
    return this.of(node).read;
  }

  /** The drop counter of a node, by name (shared by every task). */
  node(name: string): DropCounter {
    let c = this.drops.get(name);
    if (!c) {
      c = { dropped: 0 };
      this.drops.set(name, c);
    }
    return c;
  }

  snapshot(storeSizes: Record<string, number>): MetricsSnapshot {
    const nodes: Record<string, NodeCounters> = {};
    const at = (name: string) => {
      nodes[name] ??= { recordsIn: 0, recordsOut: 0, dropped: this.drops.get(name)?.dropped ?? 0 };
      return nodes[name];
    };
    for (const [node, s] of this.slots) {
      const c = at(node.name);
      c.recordsIn += this.sum(s.inputs) + (s.read < 0 ? 0 : this.counts[s.read]);
      c.recordsOut += this.sum([s.all, s.detached, ...s.ports.values()]);
    }
    for (const name of this.drops.keys()) at(name);
    return {
      nodes,
      droppedRecords: this.droppedRecords,
      deadLetters: this.deadLetters,
      storeSizes,
    };
  }

  private of(node: GraphNode): NodeSlots {
    const s = this.slots.get(node);
    if (!s) throw new Error(`node ${node.name} is not part of this topology's metrics`);
    return s;
  }

  private sum(slots: Iterable<number>): number {
    let total = 0;
    for (const i of slots) total += this.counts[i];
    return total;
  }
}
