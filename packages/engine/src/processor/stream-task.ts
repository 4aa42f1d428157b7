// A task: one sub-topology on one input partition, with its own stores, stream time and
// processors. Processing is synchronous; outputs, changelog records and input offsets
// accumulate until the driver commits them at a batch boundary.
import type { GraphNode } from "../kstream/internals/graph-node";
import type { LogRecord, OffsetCommit, ProducerRecord } from "../log/log";
import { changelogTopic, type StateStore } from "../state/store";
import { ChangelogWriter, decodeChangelog } from "./changelog-codec";
import { type FusedStep, fuseSteps } from "./fusion";
import type { NodeCounters } from "./metrics";
import { type Downstream, type Emit, recordContext } from "./processor";
import { buildSource } from "./source-node";
import type { TapSlot, Taps } from "./taps";
import { TaskContext, type TaskEnv } from "./task-context";
import type { SubTopology, Topology } from "./topology";

export interface StreamTaskEnv extends TaskEnv {
  readonly taps: Taps;
}

const noop: Emit = () => {};

/** A source topic of the task: its reader and the next offset to commit (-1: none read). */
interface SourceSlot {
  read: (record: LogRecord) => void;
  nextOffset: number;
}

/** A logged store and the writer encoding its changelog records until the next drain. */
interface ChangelogBuffer {
  store: StateStore;
  writer: ChangelogWriter;
}

function fanOut(emits: Emit[]): Emit {
  if (emits.length === 0) return noop;
  if (emits.length === 1) return emits[0];
  return (k, v, t) => {
    for (let i = 0; i < emits.length; i++) emits[i](k, v, t);
  };
}

export class StreamTask {
  readonly id: string;
  readonly ctx: TaskContext;
  readonly stores = new Map<string, StateStore>();
  private readonly sources = new Map<string, SourceSlot>();
  private readonly changelog = new Map<string, ChangelogBuffer>();
  private readonly built = new Map<GraphNode, Emit>();

  constructor(
    readonly sub: SubTopology,
    readonly partition: number,
    private readonly topology: Topology,
    private readonly env: StreamTaskEnv,
  ) {
    this.id = sub.id < 0 ? "global" : `${sub.id}_${partition}`;
    for (const name of sub.stores) this.createStore(name);
    this.ctx = new TaskContext(this.id, partition, env, this.stores);
    for (const node of [...sub.nodes].reverse()) this.buildNode(node);
  }

  /** Processes one input record to completion (every downstream processor, synchronously). */
  process(record: LogRecord): void {
    const ctx = this.ctx;
    ctx.topic = record.topic;
    ctx.offset = record.offset;
    ctx.headers = record.headers;
    recordContext.topic = record.topic;
    recordContext.partition = record.partition;
    recordContext.offset = record.offset;
    recordContext.timestamp = record.timestamp;
    const source = this.sources.get(record.topic);
    if (!source) throw new Error(`task ${this.id} does not read topic ${record.topic}`);
    try {
      source.read(record);
    } catch (error) {
      ctx.deadLetter(record, `processing failed: ${(error as Error).message}`);
    }
    source.nextOffset = record.offset + 1;
    ctx.punctuate("stream-time", ctx.streamTime);
  }

  punctuateWallClock(now: number): void {
    this.ctx.headers = undefined;
    this.ctx.punctuate("wall-clock", now);
  }

  /** Output records produced since the last call (sinks and repartition topics). */
  drainOutput(): ProducerRecord[] {
    return this.ctx.output.splice(0);
  }

  /** Changelog records written since the last call: a commit, so stores flush their caches. */
  drainChangelog(): ProducerRecord[] {
    const out: ProducerRecord[] = [];
    for (const buffer of this.changelog.values()) {
      buffer.store.flush();
      for (const r of buffer.writer.drain()) out.push(r);
    }
    return out;
  }

  /** Next offset per input topic of this task's partition. */
  offsets(): OffsetCommit[] {
    return [...this.sources]
      .filter(([, s]) => s.nextOffset >= 0)
      .map(([topic, s]) => ({ topic, partition: this.partition, offset: s.nextOffset }));
  }

  /** Rebuilds a store from its changelog records (before processing starts). */
  restore(storeName: string, records: LogRecord[]): void {
    this.stores.get(storeName)?.restore(records.map(decodeChangelog));
  }

  private createStore(name: string): void {
    const supplier = this.topology.stores.get(name);
    if (!supplier) throw new Error(`unknown store ${name}`);
    const store = supplier.get();
    if (supplier.logged) {
      const topic = changelogTopic(this.topology.applicationId, name);
      const writer = new ChangelogWriter(topic, this.sub.id < 0 ? 0 : this.partition);
      this.changelog.set(name, { store, writer });
      store.init(writer);
    } else store.init(undefined);
    this.stores.set(name, store);
  }

  private counters(node: GraphNode): NodeCounters {
    return this.env.metrics.node(node.name);
  }

  private tapSlot(node: GraphNode): TapSlot {
    return this.env.taps.slot(node.name);
  }

  private tapMeta = () => ({
    topic: this.ctx.topic,
    partition: this.partition,
    offset: this.ctx.offset,
  });

  private childEmits(node: GraphNode, port?: string): Emit[] {
    return node.children
      .filter((c) => port === undefined || c.port === port)
      .map((c) => this.built.get(c.node))
      .filter((e): e is Emit => e !== undefined);
  }

  private downstream(node: GraphNode): Downstream {
    const counters = this.counters(node);
    const tap = this.tapSlot(node);
    const wrap =
      (target: Emit): Emit =>
      (k, v, t) => {
        counters.recordsOut++;
        if (tap.listener)
          tap.listener({ node: node.name, key: k, value: v, timestamp: t, ...this.tapMeta() });
        target(k, v, t);
      };
    return {
      all: wrap(fanOut(this.childEmits(node))),
      port: (name) => wrap(fanOut(this.childEmits(node, name))),
    };
  }

  private isFusable(node: GraphNode): boolean {
    return node.step !== undefined && node.children.length === 1;
  }

  /** Stateless steps whose parent is a single-child step are fused into the parent's chain. */
  private buildNode(node: GraphNode): void {
    if (node.source) {
      const out = this.downstream(node).all;
      const read = buildSource(node.source, this.ctx, out, this.counters(node));
      for (const t of node.source.topics) {
        this.sources.set(this.topology.resolveTopic(t), { read, nextOffset: -1 });
      }
      return;
    }
    const fusedIntoParent = node.parents.length === 1 && this.isFusable(node.parents[0]);
    if (node.step && !fusedIntoParent) {
      this.built.set(node, this.buildChain(node));
      return;
    }
    if (node.step) return; // fused into its chain head
    const counters = this.counters(node);
    const inner = node.processor!(this.ctx, this.downstream(node));
    this.built.set(node, (k, v, t) => {
      counters.recordsIn++;
      inner(k, v, t);
    });
  }

  private buildChain(head: GraphNode): Emit {
    const chain: FusedStep[] = [];
    let node = head;
    for (;;) {
      chain.push({
        step: node.step!,
        counters: this.counters(node),
        tap: this.tapSlot(node),
        name: node.name,
      });
      const next = node.children.length === 1 ? node.children[0].node : undefined;
      if (!this.isFusable(node) || !next?.step || next.parents.length !== 1) break;
      node = next;
    }
    // The tail's children come later in topological order, so they are already built.
    return fuseSteps(chain, fanOut(this.childEmits(node)), this.tapMeta);
  }
}
