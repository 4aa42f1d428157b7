// The one place the worker touches the stream runtime. Everything else sees `startRunner` and
// `RunningDeployment`. Until @riffle/engine exposes startDeployment, this runs the subset of
// topologies a record router can: sources wired straight to sinks and peeks (pass-through).
import type { Edge, Node, Topology } from "@riffle/topology";
import { UserError } from "../errors";
import type { LogRecord, TopicLog } from "./topic-log";

/** A record leaving a sink or a tapped node. */
export interface OutputRecord {
  nodeId: string;
  topic?: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  partition: number;
  offset: number;
  window?: { start: number; end: number };
}

/** Cumulative counters; rates are derived by the caller from successive snapshots. */
export interface RunnerCounters {
  nodes: { nodeId: string; recordsIn: number; recordsOut: number }[];
  /** Records not yet processed, per source topic. */
  lag: Record<string, number>;
  stores: { name: string; size: number }[];
  lateDrops: number;
  deadLetters: number;
}

export interface RunnerOptions {
  applicationId: string;
  document: Topology;
  runtime: "embedded" | "kafka";
  log: TopicLog;
  onOutput(record: OutputRecord): void;
  onError(error: Error): void;
}

export interface RunningDeployment {
  counters(): RunnerCounters;
  /** Nodes whose output is reported through onOutput besides the sinks. */
  setTaps(nodeIds: string[]): void;
  stop(): Promise<void>;
}

export async function startRunner(options: RunnerOptions): Promise<RunningDeployment> {
  if (options.runtime === "kafka") {
    throw new UserError(422, "runtime_unavailable", "the Kafka runtime needs @riffle/engine");
  }
  return startPassThrough(options);
}

const SOURCE_KINDS = new Set(["stream-source", "table-source", "global-table-source"]);
const PASS_KINDS = new Set(["peek"]);

function startPassThrough(options: RunnerOptions): RunningDeployment {
  const { document: doc, log } = options;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const n of doc.nodes) {
    if (!SOURCE_KINDS.has(n.kind) && !PASS_KINDS.has(n.kind) && n.kind !== "sink") {
      throw new UserError(
        422,
        "unsupported_node",
        `node '${n.id}' (${n.kind}) needs @riffle/engine, which is not available in this build`,
        { nodeId: n.id },
      );
    }
  }
  const counts = new Map(doc.nodes.map((n) => [n.id, { recordsIn: 0, recordsOut: 0 }]));
  let taps = new Set<string>();
  const emit = (node: Node, rec: LogRecord, seen: Set<string>) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    const c = counts.get(node.id)!;
    c.recordsIn++;
    c.recordsOut++;
    let out = rec;
    const sinkTopic = node.kind === "sink" ? topicOf(node) : undefined;
    if (sinkTopic) {
      out = log.append(sinkTopic, { key: rec.key, value: rec.value, timestamp: rec.timestamp });
      options.onOutput(toOutput(node.id, out, sinkTopic));
    } else if (taps.has(node.id)) {
      options.onOutput(toOutput(node.id, rec));
    }
    for (const next of downstream(doc.edges, node.id)) emit(byId.get(next)!, out, seen);
  };
  declareSinkTopics(doc, log);
  const process = (n: Node) => (rec: LogRecord) => {
    try {
      emit(n, rec, new Set());
    } catch (err) {
      options.onError(err as Error);
    }
  };
  const unsubscribe = doc.nodes
    .filter((n) => SOURCE_KINDS.has(n.kind))
    .map((n) => log.subscribe(topicOf(n)!, process(n)));
  return {
    counters: () => ({
      nodes: [...counts].map(([nodeId, c]) => ({ nodeId, ...c })),
      lag: {},
      stores: [],
      lateDrops: 0,
      deadLetters: 0,
    }),
    setTaps(nodeIds) {
      taps = new Set(nodeIds);
    },
    async stop() {
      for (const u of unsubscribe) u();
    },
  };
}

/** Sink topics get their declared partition count, else the widest source's (Kafka Streams
 *  expects them to exist; Riffle creates them on deploy). */
function declareSinkTopics(doc: Topology, log: TopicLog) {
  const declared = new Map(doc.topics.map((t) => [t.name, t.partitions]));
  const sources = doc.nodes.filter((n) => SOURCE_KINDS.has(n.kind)).map(topicOf);
  const widest = Math.max(
    1,
    ...sources.map((t) => log.info(t!)?.partitions ?? declared.get(t!) ?? 1),
  );
  for (const n of doc.nodes) {
    const topic = n.kind === "sink" ? topicOf(n) : undefined;
    if (topic) log.declare(topic, declared.get(topic) ?? widest);
  }
}

function topicOf(node: Node): string | undefined {
  return (node.config as { topic?: string }).topic;
}

function downstream(edges: Edge[], nodeId: string): string[] {
  return edges.filter((e) => e.from.node === nodeId).map((e) => e.to.node);
}

/** Sink records carry their topic; tapped records do not (they are not in any topic yet). */
function toOutput(nodeId: string, r: LogRecord, topic?: string): OutputRecord {
  return {
    nodeId,
    topic,
    key: r.key,
    value: r.value,
    timestamp: r.timestamp,
    partition: r.partition,
    offset: r.offset,
  };
}
