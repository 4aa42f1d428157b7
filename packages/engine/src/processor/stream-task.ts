// A task: one sub-topology on one input partition, with its own stores, stream time and
// processors. Processing is synchronous; outputs, changelog records and input offsets
// accumulate until the driver commits them at a batch boundary.
import type { GraphNode } from "../kstream/internals/graph-node";
import type { LogRecord, OffsetCommit, ProducerRecord } from "../log/log";
import { changelogTopic, type StateStore } from "../state/store";
import { type ChangelogBatch, ChangelogWriter, decodeChangelog } from "./changelog-codec";
import { type FusedStep, fuseSteps } from "./fusion";
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
  private lastTopic: string | undefined = undefined;
  private lastSource: SourceSlot | undefined = undefined;

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
    recordContext.partition = record.partition;
    recordContext.offset = record.offset;
    const source = this.sourceOf(record.topic);
    try {
      source.read(record);
    } catch (error) {
      ctx.deadLetter(record, `processing failed: ${(error as Error).message}`);
    }
    source.nextOffset = record.offset + 1;
    ctx.punctuateStreamTime();
  }

  /** Records of one topic usually come in runs, so the last topic's slot is kept at hand. */
  private sourceOf(topic: string): SourceSlot {
    if (topic === this.lastTopic) return this.lastSource!;
    const source = this.sources.get(topic);
    if (!source) throw new Error(`task ${this.id} does not read topic ${topic}`);
    this.lastTopic = topic;
    this.lastSource = source;
    return source;
  }

  punctuateWallClock(now: number): void {
    this.ctx.headers = undefined;
    this.ctx.punctuate("wall-clock", now);
  }

  /** Output records produced since the last call (sinks and repartition topics). */
  drainOutput(): ProducerRecord[] {
    return this.ctx.drainOutput();
  }

  /** Changelog records written since the last call, a batch per store that logged any: a commit, so stores flush their caches. */
  drainChangelog(): ChangelogBatch[] {
    const out: ChangelogBatch[] = [];
    for (const buffer of this.changelog.values()) {
      buffer.store.flush();
      const batch = buffer.writer.drain();
      if (batch.length > 0) out.push(batch);
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

  private tapSlot(node: GraphNode): TapSlot {
    return this.env.taps.slot(node.name);
  }

  private childEmits(node: GraphNode, port?: string): Emit[] {
    return node.children
      .filter((c) => port === undefined || c.port === port)
      .map((c) => this.built.get(c.node))
      .filter((e): e is Emit => e !== undefined);
  }

  /**
   * The one function a record crosses between a processor and its children on `port` (all
   * children when undefined): it counts the record, feeds the node's tap and calls the
   * children. Children count nothing on entry: their records in are the sum of these edges.
   */
  private edge(node: GraphNode, port?: string): Emit {
    const counts = this.env.metrics.counts;
    const slot = this.env.metrics.outSlot(node, port);
    const tap = this.tapSlot(node);
    const next = fanOut(this.childEmits(node, port));
    const ctx = this.ctx;
    return (k, v, t) => {
      counts[slot]++;
      if (tap.listener !== undefined) tap.send(k, v, t, ctx);
      next(k, v, t);
    };
  }

  /** Port edges are built once per name, so a processor may ask for them per record. */
  private downstream(node: GraphNode): Downstream {
    const ports = new Map<string, Emit>();
    return {
      all: this.edge(node),
      port: (name) => {
        let emit = ports.get(name);
        if (!emit) {
          emit = this.edge(node, name);
          ports.set(name, emit);
        }
        return emit;
      },
    };
  }

  private isFusable(node: GraphNode): boolean {
    return node.step !== undefined && node.children.length === 1;
  }

  /** Stateless steps whose parent is a single-child step are fused into the parent's chain. */
  private buildNode(node: GraphNode): void {
    if (node.source) {
      const metrics = this.env.metrics;
      const read = buildSource(node.source, this.ctx, fanOut(this.childEmits(node)), {
        counts: metrics.counts,
        read: metrics.readSlot(node),
        forwarded: metrics.outSlot(node),
        tap: this.tapSlot(node),
      });
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
    this.built.set(node, node.processor!(this.ctx, this.downstream(node)));
  }

  private buildChain(head: GraphNode): Emit {
    const chain: FusedStep[] = [];
    let node = head;
    for (;;) {
      chain.push({
        step: node.step!,
        slot: this.env.metrics.outSlot(node),
        tap: this.tapSlot(node),
      });
      const next = node.children.length === 1 ? node.children[0].node : undefined;
      if (!this.isFusable(node) || !next?.step || next.parents.length !== 1) break;
      node = next;
    }
    // The tail's children come later in topological order, so they are already built.
    const out = fanOut(this.childEmits(node));
    return fuseSteps(chain, out, this.env.metrics.counts, this.ctx);
  }
}
