// Runs a deployment on a Kafka cluster with the engine's KafkaRuntime: reads the real partition
// counts first (a join over topics that are not co-partitioned is refused on its node), then joins
// the consumer group named by the application id. Kafka's states become deployment statuses.
import {
  buildForKafka,
  type CompiledTopology,
  describeError,
  type Topology as EngineTopology,
  InvalidStateStoreError,
  KafkaLog,
  KafkaLogError,
  KafkaRuntime,
  type KafkaStatus,
  type QueryableStore,
  type TappedRecord,
} from "@riffle/engine";
import type { Finding, Topology } from "@riffle/topology";
import type { KafkaSettings } from "../config";
import { UserError } from "../errors";
import type { OutputRecord, RunnerOptions, RunnerStatus, RunningDeployment } from "./runner";
import { oneRecord, tapOutput, toCounters } from "./runner-output";

/**
 * Resolves once the topology is built against the cluster's partition counts, or once the
 * cluster turned out unreachable for now (the runner keeps retrying; status `starting`).
 * Rejects, before any retry, with a 422 for what the user must fix (co-partitioning, ...).
 */
export async function startKafkaRunner(
  options: RunnerOptions,
  compiled: CompiledTopology,
): Promise<RunningDeployment> {
  if (!options.kafka) {
    throw new UserError(422, "kafka_not_configured", "the kafka runtime needs KAFKA_BROKERS");
  }
  const runner = new KafkaRunner(options, options.kafka, compiled);
  await runner.start();
  return runner;
}

/** Deletes an application's repartition and changelog topics; refused without topic admin. */
export async function deleteKafkaInternalTopics(
  kafka: KafkaSettings,
  applicationId: string,
): Promise<string[]> {
  const log = new KafkaLog({
    connection: kafka.connection,
    applicationId,
    retry: { retries: kafka.retries },
  });
  try {
    return await log.deleteInternalTopics();
  } catch (error) {
    throw error instanceof KafkaLogError && error.kind === "user" ? userError(error) : error;
  } finally {
    await log.stop();
  }
}

interface SinkFeed {
  nodeId: string;
  topic: string;
}

class KafkaRunner implements RunningDeployment {
  private admin?: KafkaLog;
  private runtime?: KafkaRuntime;
  private taps = new Set<string>();
  private untap: (() => void)[] = [];
  private stopped = false;
  private failed = false;
  private reported = "";

  constructor(
    private readonly o: RunnerOptions,
    private readonly kafka: KafkaSettings,
    private readonly compiled: CompiledTopology,
  ) {}

  async start(): Promise<void> {
    let unreachable!: () => void;
    const retrying = new Promise<undefined>((resolve) => {
      unreachable = () => resolve(undefined);
    });
    const building = this.build(unreachable);
    const topology = await Promise.race([building, retrying]).catch((error: unknown) => {
      throw this.toError(error);
    });
    if (topology) return this.run(topology);
    building.then(
      (built) => this.run(built),
      (error: unknown) => this.fail(error),
    );
  }

  counters() {
    const runtime = this.runtime;
    if (!runtime) return toCounters(EMPTY_METRICS);
    return toCounters(runtime.metrics(), runtime.status.deadLettered ?? 0);
  }

  /** Interactive queries read the stores of the partitions this instance owns. */
  store(name: string): QueryableStore | undefined {
    if (!this.runtime) throw new InvalidStateStoreError("the Kafka runtime is still starting");
    return this.runtime.queryableStore(name);
  }

  setTaps(nodeIds: string[]) {
    this.taps = new Set(nodeIds);
    this.attachTaps();
  }

  async stop() {
    this.stopped = true;
    for (const u of this.untap) u();
    await this.admin?.stop();
    await this.runtime?.stop();
  }

  /** Kafka Streams reads partition counts from metadata; sink topics are created where the
   *  cluster allows it (as on the embedded log), else a missing one is named. */
  private async build(unreachable: () => void): Promise<EngineTopology> {
    const { applicationId, builder } = this.compiled;
    const admin = new KafkaLog({
      connection: this.kafka.connection,
      applicationId,
      retry: { retries: this.kafka.retries },
      onStatus: (s) => {
        if (s.state !== "retrying") return;
        this.report(s);
        unreachable();
      },
    });
    this.admin = admin;
    this.report({ state: "starting", assigned: [], processed: 0 });
    try {
      await createMissingSinkTopics(admin, this.o.document);
      const declared = Object.fromEntries(
        this.o.document.topics.map((t) => [t.name, t.partitions]),
      );
      return await buildForKafka(
        (config) => builder.build(config),
        { applicationId, topicPartitions: declared },
        admin,
      );
    } finally {
      await admin.stop();
      this.admin = undefined;
    }
  }

  private run(topology: EngineTopology): void {
    if (this.stopped) return;
    this.runtime = new KafkaRuntime(topology, {
      connection: this.kafka.connection,
      guarantee: "at_least_once",
      retry: { retries: this.kafka.retries },
      onStatus: (s) => this.report(s),
    });
    this.attachTaps();
    this.runtime.start().catch((error: unknown) => this.fail(error));
  }

  /** Kafka's state as the deployment's, once per change; `failed` stops the deployment. */
  private report(s: KafkaStatus) {
    if (this.stopped) return;
    if (s.state === "failed") return this.fail(s.error ?? new Error("the Kafka runtime failed"));
    const update = statusOf(s, this.compiled.applicationId);
    if (!update || update.message === this.reported) return;
    this.reported = update.message;
    this.o.onStatus?.(update);
  }

  private fail(error: unknown) {
    if (this.stopped || this.failed) return;
    this.failed = true;
    this.o.onError(this.toError(error));
  }

  /** User errors become 422s (co-partitioning on the join node); the rest stays as it is. */
  private toError(error: unknown): Error {
    if (!(error instanceof KafkaLogError)) {
      return error instanceof Error ? error : new Error(describeError(error));
    }
    if (error.code === "KAFKA_NOT_CO_PARTITIONED") return notCoPartitioned(error, this.o.document);
    return error.kind === "user" ? userError(error) : error;
  }

  /**
   * The engine's taps feed both the dashboard's tapped nodes and the sinks' live output: a
   * sink's input is what it writes. They are seen at processing time; under at_least_once
   * nothing shown is rolled back (a crash repeats records, it never retracts them).
   */
  private attachTaps() {
    for (const u of this.untap) u();
    const runtime = this.runtime;
    if (!runtime) return;
    const feeds = sinkFeeds(runtime.topology, this.o.document);
    const nodes = new Set([...feeds.keys(), ...this.taps]);
    this.untap = [...nodes].map((node) =>
      runtime.taps.tap(node, (r) => this.observe(r, feeds.get(node))),
    );
  }

  private observe(r: TappedRecord, sinks: SinkFeed[] | undefined) {
    const tapped = this.taps.has(r.node);
    if (!tapped && !this.o.watched()) return;
    const out: OutputRecord = tapOutput(r);
    if (tapped) this.o.onOutput(oneRecord(out, r.node));
    for (const sink of sinks ?? [])
      this.o.onOutput(oneRecord({ ...out, nodeId: sink.nodeId, topic: sink.topic }));
  }
}

const EMPTY_METRICS = { nodes: {}, droppedRecords: 0, deadLetters: 0, storeSizes: {} };

function statusOf(s: KafkaStatus, applicationId: string): RunnerStatus | undefined {
  switch (s.state) {
    case "starting":
      return { status: "starting", message: "connecting to Kafka", lastError: null };
    case "retrying": {
      const reason = s.error?.message ?? "Kafka is not answering";
      const wait = ((s.retryInMs ?? 0) / 1000).toFixed(1);
      return {
        status: "starting",
        message: `retrying (attempt ${s.attempt}, next in ${wait} s): ${reason}`,
        lastError: reason,
      };
    }
    case "running":
      return {
        status: "running",
        message: `running on Kafka, consumer group ${applicationId}`,
        lastError: null,
      };
    default:
      return undefined;
  }
}

/** Sink node -> the engine nodes whose output it receives (a sink itself emits nothing). */
function sinkFeeds(topology: EngineTopology, doc: Topology): Map<string, SinkFeed[]> {
  const sinks = new Map(
    doc.nodes.flatMap((n) => (n.kind === "sink" ? [[n.id, n.config.topic] as const] : [])),
  );
  const feeds = new Map<string, SinkFeed[]>();
  for (const node of topology.subtopologies.flatMap((s) => s.nodes)) {
    if (!sinks.has(node.name)) continue;
    // A dynamic sink (topicExpression) picks its topic per record, after the tap.
    const feed = { nodeId: node.name, topic: sinks.get(node.name) ?? `${node.name} (dynamic)` };
    for (const parent of node.parents)
      feeds.set(parent.name, [...(feeds.get(parent.name) ?? []), feed]);
  }
  return feeds;
}

async function createMissingSinkTopics(admin: KafkaLog, doc: Topology) {
  const declared = new Map(doc.topics.map((t) => [t.name, t.partitions]));
  const widest = Math.max(1, ...doc.topics.map((t) => t.partitions));
  const topics = doc.nodes.flatMap((n) =>
    n.kind === "sink" && n.config.topic ? [n.config.topic] : [],
  );
  if (topics.length === 0) return;
  const counts = await admin.partitionCounts(topics);
  const missing = topics.filter((t) => counts.get(t) === undefined);
  if (missing.length === 0) return;
  await admin
    .createTopics(missing.map((name) => ({ name, partitions: declared.get(name) ?? widest })))
    .catch((error: unknown) => {
      // Without topic admin (librdkafka's mock) buildForKafka names the missing topics.
      if (!(error instanceof KafkaLogError && error.code === "KAFKA_UNSUPPORTED")) throw error;
    });
}

/**
 * Kafka Streams' "Topics not co-partitioned" as a finding on the document's join node: the
 * engine names its own node (`<join>-this` for a stream-stream join's left side).
 */
function notCoPartitioned(error: KafkaLogError, doc: Topology): UserError {
  const engineNode = String(error.details.nodeId ?? "");
  const nodeId = doc.nodes
    .map((n) => n.id)
    .filter((id) => engineNode === id || engineNode.startsWith(`${id}-`))
    .sort((a, b) => b.length - a.length)[0];
  const partitions = (error.details.partitions ?? {}) as Record<string, number>;
  const listed = Object.entries(partitions).map(([topic, n]) => `${topic}=${n}`);
  const message = `Topics not co-partitioned on the Kafka cluster: [${listed.join(", ")}]. Join '${nodeId ?? engineNode}' needs the same partition count on both sides.`;
  const finding: Finding = { code: "RF501", severity: "error", nodeId, message };
  return new UserError(422, "not_co_partitioned", message, { findings: [finding], partitions });
}

/** A Kafka error the user must act on (configuration, cluster features) as a 422. */
function userError(error: KafkaLogError): UserError {
  return new UserError(422, error.code.toLowerCase(), error.message, error.details);
}
