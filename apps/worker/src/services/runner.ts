// The one place the worker touches the stream runtime: compiles a topology document with
// @riffle/engine, runs it on the embedded log (or hands it to kafka-runner.ts), and reports sink
// output, taps, counters and failure in the worker's terms. Everything else sees `startRunner`.
import {
  CompileError,
  compileTopology,
  type Deployment,
  decodeRecord,
  offsetResetsOf,
  type ProducerRecord,
  type QueryableStore,
  startDeployment,
  type TopicSerdes,
  topicSerdes,
} from "@riffle/engine";
import type { Topology } from "@riffle/topology";
import type { KafkaSettings } from "../config";
import { UserError } from "../errors";
import type { LiveBatch } from "../live/fan-out";
import { startKafkaRunner } from "./kafka-runner";
import { oneRecord, tapOutput, toCounters } from "./runner-output";
import type { TopicLog } from "./topic-log";

/** A record leaving a sink (with its topic) or a tapped node (without). */
export interface OutputRecord {
  nodeId: string;
  topic?: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  /** Of the sink record when the log assigned it, else of the input record being processed. */
  partition?: number;
  offset?: number;
  window?: { start: number; end: number };
}

/** Records published together, decoded on demand (see `LiveBatch`). */
export type OutputBatch = LiveBatch<OutputRecord>;

/** Cumulative counters; rates are derived by the caller from successive snapshots. */
export interface RunnerCounters {
  nodes: { nodeId: string; recordsIn: number; recordsOut: number }[];
  /** Records not yet processed, per `topic-partition`. */
  lag: Record<string, number>;
  stores: { name: string; size: number }[];
  lateDrops: number;
  deadLetters: number;
}

/** Where a runtime that connects to something (Kafka) stands; `failed` goes through onError. */
export interface RunnerStatus {
  status: "starting" | "running";
  message: string;
  lastError: string | null;
}

export interface RunnerOptions {
  applicationId: string;
  document: Topology;
  runtime: "embedded" | "kafka";
  topics: TopicLog;
  /** Persistent store checkpoints of this deployment (restart restores only the changelog tail). */
  stateDir?: string;
  /** Whether anyone watches the output now: handing out sink records for nobody is wasted work. */
  watched(): boolean;
  /** Sink output once committed (a commit's records in one batch) and tapped records; a batch
   *  decodes a record only when asked for it, so records nobody samples cost nothing. */
  onOutput(batch: OutputBatch): void;
  onError(error: Error): void;
  /** The cluster of the kafka runtime. */
  kafka?: KafkaSettings;
  /** Status changes the runtime reports itself after startRunner resolved (kafka). */
  onStatus?(update: RunnerStatus): void;
}

export interface RunningDeployment {
  counters(): RunnerCounters;
  /** Nodes whose output is reported through onOutput besides the sinks. */
  setTaps(nodeIds: string[]): void;
  /** Store `name` over this worker's tasks, read-only (interactive queries); undefined if
   *  unknown. On Kafka, the tasks of the partitions this worker owns. */
  store(name: string): QueryableStore | undefined;
  stop(): Promise<void>;
}

/** How long an idle deployment waits before polling the log again: bounds added latency. */
const IDLE_WAIT_MS = 5;
/**
 * exactly_once_v2 commit interval on the embedded log. Sink output reaches the dashboard only
 * once committed, so this bounds live latency; Kafka Streams' 100 ms pays for a transaction
 * round trip the embedded log does not make. Each commit is one log sync (durable log).
 */
const COMMIT_INTERVAL_MS = 25;

export async function startRunner(options: RunnerOptions): Promise<RunningDeployment> {
  if (options.runtime === "kafka") return startKafkaRunner(options, compile(options));
  const document = await withLogPartitions(options.document, options.topics);
  const { topology } = compile({ ...options, document });
  await declareSinkTopics(document, options.topics);
  const sinkNode = sinkNodeByTopic(document);
  const serdes = topicSerdes(topology);
  const deployment: Deployment = startDeployment({
    topology,
    log: options.topics.log,
    guarantee: "exactly_once_v2",
    commitIntervalMs: COMMIT_INTERVAL_MS,
    stateDir: options.stateDir,
    offsetReset: offsetResetsOf(document),
    idleWaitMs: IDLE_WAIT_MS,
    onOutput: (records) => {
      if (!options.watched()) return;
      options.onOutput({
        size: records.length,
        record: (i) => sinkOutput(serdes, records[i]!, sinkNode(records[i]!.topic)),
      });
    },
    onStatus: (status, error) => {
      if (status === "failed") options.onError(error ?? new Error("deployment failed"));
    },
  });
  let untap: (() => void)[] = [];
  return {
    counters: () => toCounters(deployment.metrics()),
    setTaps(nodeIds) {
      for (const u of untap) u();
      untap = nodeIds.map((id) =>
        deployment.taps.tap(id, (r) => options.onOutput(oneRecord(tapOutput(r), id))),
      );
    },
    store: (name) => deployment.queryableStore(name),
    async stop() {
      for (const u of untap) u();
      await deployment.stop();
    },
  };
}

function compile(options: RunnerOptions) {
  try {
    return compileTopology(options.document, { applicationId: options.applicationId });
  } catch (err) {
    if (err instanceof CompileError) {
      throw new UserError(422, "invalid_topology", err.message, { findings: err.findings });
    }
    throw err;
  }
}

/** Topics that exist on the log keep their partition count, whatever the document declares: as
 *  Kafka Streams reads counts from the cluster, every partition is read, and validation checks
 *  co-partitioning against the counts that really exist (a finding on the join node). */
async function withLogPartitions(doc: Topology, topics: TopicLog): Promise<Topology> {
  const actual = await Promise.all(
    doc.topics.map(async (t) => (await topics.info(t.name))?.partitions ?? t.partitions),
  );
  if (actual.every((n, i) => n === doc.topics[i]!.partitions)) return doc;
  return { ...doc, topics: doc.topics.map((t, i) => ({ ...t, partitions: actual[i]! })) };
}

/** Sink topics get their declared partition count, else the widest source's (Kafka Streams
 *  expects them to exist; Riffle creates them on deploy). */
async function declareSinkTopics(doc: Topology, topics: TopicLog) {
  const declared = new Map(doc.topics.map((t) => [t.name, t.partitions]));
  const widest = Math.max(1, ...doc.topics.map((t) => t.partitions));
  for (const n of doc.nodes) {
    const topic = n.kind === "sink" ? n.config.topic : undefined;
    if (topic) await topics.declare(topic, declared.get(topic) ?? widest);
  }
}

/** Which sink wrote a topic; dynamic sinks (topicExpression) claim the topics no static one does. */
function sinkNodeByTopic(doc: Topology): (topic: string) => string {
  const sinks = doc.nodes.filter((n) => n.kind === "sink");
  const byTopic = new Map(sinks.flatMap((n) => (n.config.topic ? [[n.config.topic, n.id]] : [])));
  const dynamic = sinks.find((n) => n.config.topicExpression)?.id ?? sinks[0]?.id ?? "sink";
  return (topic) => byTopic.get(topic) ?? dynamic;
}

/** A sink's record decoded with that sink's serdes; windowed keys bring their window. */
function sinkOutput(
  serdes: Map<string, TopicSerdes>,
  r: ProducerRecord,
  nodeId: string,
): OutputRecord {
  const { key, value, window } = decodeRecord(serdes, r);
  return {
    nodeId,
    topic: r.topic,
    key,
    value,
    timestamp: r.timestamp,
    partition: r.partition,
    window,
  };
}
