// Deployments: persisted intent (which version, which runtime, running or not) plus the live
// runner. Status changes are recorded as events and pushed to the deployment's room. At start,
// deployments left running by the previous process are started again.
import { join } from "node:path";
import { DLQ_HEADERS, deadLetterTopic } from "@riffle/engine";
import type { Logger } from "pino";
import type { KafkaSettings } from "../config";
import type { PrismaClient } from "../db/client";
import type { DeploymentStatus, Runtime } from "../db/generated/client";
import type { InputJsonValue } from "../db/generated/internal/prismaNamespace";
import { InvalidTopologyError, NotFoundError, UserError } from "../errors";
import type { LiveHub } from "../live/hub";
import { deleteKafkaInternalTopics } from "./kafka-runner";
import { type MetricsSnapshot, snapshot } from "./metrics";
import { type RunnerStatus, type RunningDeployment, startRunner } from "./runner";
import type { TopicLog } from "./topic-log";
import { assertId, type TopologyService } from "./topology.service";
import { validateDocument } from "./validation.service";

interface Live {
  runner: RunningDeployment;
  applicationId: string;
  metrics?: MetricsSnapshot;
}

export interface DeploymentServiceOptions {
  prisma: PrismaClient;
  topologies: TopologyService;
  topics: TopicLog;
  logger: Logger;
  /** The cluster of the `kafka` runtime; unset: only the embedded runtime runs. */
  kafka?: KafkaSettings;
  /** Where deployments keep their persistent store checkpoints; none: stores restore from changelogs. */
  stateDir?: string;
}

export class DeploymentService {
  private readonly live = new Map<string, Live>();
  /** Status writes per deployment, in the order they happened (runtimes report concurrently). */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly prisma: PrismaClient;
  private hub?: LiveHub;
  private ticker?: NodeJS.Timeout;

  constructor(private readonly o: DeploymentServiceOptions) {
    this.prisma = o.prisma;
  }

  /** Connects the live hub and starts the once-a-second metrics tick. */
  attach(hub: LiveHub) {
    this.hub = hub;
    this.ticker = setInterval(() => this.tick(), 1000);
    this.ticker.unref();
  }

  list(topologyId?: string) {
    return this.prisma.deployment.findMany({
      where: topologyId ? { topologyId } : undefined,
      orderBy: { createdAt: "desc" },
      include: { version: { select: { version: true } } },
    });
  }

  async get(id: string) {
    assertId("deployment", id);
    const d = await this.prisma.deployment.findUnique({
      where: { id },
      include: { version: { select: { version: true } } },
    });
    if (!d) throw new NotFoundError("deployment", id);
    return d;
  }

  async status(id: string): Promise<string | undefined> {
    try {
      return (await this.get(id)).status;
    } catch {
      return undefined;
    }
  }

  async deploy(topologyId: string, version: number | undefined, runtime: Runtime) {
    if (runtime === "kafka" && !this.o.kafka) {
      throw new UserError(422, "kafka_not_configured", "the kafka runtime needs KAFKA_BROKERS");
    }
    const topology = await this.o.topologies.get(topologyId);
    const v = await this.o.topologies.getVersion(topologyId, version ?? topology.latestVersion);
    const document = checked(v.document);
    const dep = await this.prisma.deployment.create({
      data: { topologyId, versionId: v.id, runtime, status: "starting", applicationId: "" },
    });
    const applicationId =
      document.applicationId ?? `riffle-${slug(topology.name)}-${dep.id.slice(0, 8)}`;
    await this.prisma.deployment.update({ where: { id: dep.id }, data: { applicationId } });
    await this.event(dep.id, "deploy", `deploying version ${v.version} on ${runtime}`);
    await this.launch(dep.id);
    return this.get(dep.id);
  }

  async stop(id: string) {
    const dep = await this.get(id);
    if (dep.status === "stopped") return dep;
    await this.halt(id);
    await this.setStatus(id, "stopped", { stoppedAt: new Date() }, "stopped");
    return this.get(id);
  }

  /** Stops and starts again, on another version when one is given. */
  async redeploy(id: string, version?: number) {
    const dep = await this.get(id);
    await this.halt(id);
    if (version !== undefined && version !== dep.version.version) {
      const v = await this.o.topologies.getVersion(dep.topologyId, version);
      checked(v.document);
      await this.prisma.deployment.update({ where: { id }, data: { versionId: v.id } });
    }
    await this.event(id, "redeploy", `redeploying version ${version ?? dep.version.version}`);
    await this.launch(id);
    return this.get(id);
  }

  /**
   * Stops and forgets a deployment. With `internalTopics`, a Kafka deployment's repartition and
   * changelog topics are deleted first; a cluster that refuses keeps the (stopped) deployment.
   */
  async delete(id: string, internalTopics: boolean) {
    const dep = await this.stop(id);
    const deleted =
      internalTopics && dep.runtime === "kafka" && this.o.kafka
        ? await deleteKafkaInternalTopics(this.o.kafka, dep.applicationId)
        : [];
    await this.writes.get(id);
    await this.prisma.deployment.delete({ where: { id } });
    return deleted;
  }

  async stopAllOf(topologyId: string) {
    for (const d of await this.list(topologyId)) if (this.live.has(d.id)) await this.stop(d.id);
  }

  async events(id: string, limit: number) {
    await this.get(id);
    return this.prisma.deploymentEvent.findMany({
      where: { deploymentId: id },
      orderBy: { id: "desc" },
      take: limit,
    });
  }

  async metrics(id: string): Promise<MetricsSnapshot | undefined> {
    await this.get(id);
    const l = this.live.get(id);
    // Counters as of now; rates over the time since the last tick.
    return l ? snapshot(l.runner.counters(), l.metrics) : undefined;
  }

  /** The live runner of a running deployment (interactive queries read its stores). */
  runner(id: string): RunningDeployment | undefined {
    return this.live.get(id)?.runner;
  }

  setTaps(id: string, nodeIds: string[]) {
    this.live.get(id)?.runner.setTaps(nodeIds);
  }

  async deadLetters(id: string, limit: number) {
    const dep = await this.get(id);
    return this.o.topics.latest(deadLetterTopic(dep.applicationId), limit);
  }

  /** Appends every dead letter, bytes untouched, to the topic it came from (its DLQ header). */
  async replayDeadLetters(id: string) {
    const dep = await this.get(id);
    const log = this.o.topics.log;
    const topic = deadLetterTopic(dep.applicationId);
    const letters = await log.read(topic, 0, 0, (await log.endOffset(topic, 0)) || 1);
    const again = letters.flatMap((l) => {
      const source = l.headers?.[DLQ_HEADERS.topic];
      return source ? [{ topic: source, timestamp: l.timestamp, key: l.key, value: l.value }] : [];
    });
    if (again.length > 0) await log.append(again);
    await this.event(id, "replay", `replayed ${again.length} dead letters`);
    return again.length;
  }

  /** Starts every deployment whose persisted status says it should be running. */
  async resume() {
    const pending = await this.prisma.deployment.findMany({
      where: { status: { in: ["running", "starting"] } },
    });
    for (const d of pending) {
      await this.event(d.id, "resume", "worker restarted: starting again");
      await this.launch(d.id).catch(() => {});
    }
    return pending.length;
  }

  /** Stops runners but keeps their status, so the next start resumes them. */
  async shutdown() {
    clearInterval(this.ticker);
    for (const id of [...this.live.keys()]) await this.halt(id);
    // Test records and sample data accepted before shutdown reach the log before it closes.
    await this.o.topics.flushed();
  }

  private async launch(id: string) {
    const dep = await this.prisma.deployment.findUniqueOrThrow({
      where: { id },
      include: { version: true },
    });
    await this.setStatus(id, "starting", {}, undefined);
    try {
      const runner = await startRunner({
        applicationId: dep.applicationId,
        document: checked(dep.version.document),
        runtime: dep.runtime,
        topics: this.o.topics,
        stateDir: this.o.stateDir && join(this.o.stateDir, dep.applicationId),
        watched: () => this.hub?.watched(id) ?? false,
        onOutput: (batch) => this.hub?.publish(id, batch),
        onError: (error) => this.fail(id, error),
        kafka: this.o.kafka,
        onStatus: (update) => this.progress(id, update),
      });
      this.live.set(id, { runner, applicationId: dep.applicationId });
      // The Kafka runner reports running itself, once it joined its consumer group.
      if (dep.runtime === "embedded") {
        await this.setStatus(id, "running", { startedAt: new Date(), lastError: null }, "started");
      }
      await this.writes.get(id);
    } catch (err) {
      await this.fail(id, err as Error);
      // What the user must fix answers the deploy request itself (e.g. 422 on a join node).
      if (err instanceof UserError) throw err;
    }
  }

  private progress(id: string, { status, message, lastError }: RunnerStatus) {
    const startedAt = status === "running" ? new Date() : undefined;
    this.setStatus(id, status, { lastError, startedAt }, message).catch((err) =>
      this.o.logger.error({ deploymentId: id, err }, "status update failed"),
    );
  }

  private async fail(id: string, error: Error) {
    this.o.logger.warn({ deploymentId: id, err: error }, "deployment failed");
    await this.halt(id);
    await this.setStatus(
      id,
      "failed",
      { lastError: error.message, stoppedAt: new Date() },
      error.message,
    );
    this.hub?.publishError(id, error.message);
  }

  private async halt(id: string) {
    const l = this.live.get(id);
    if (!l) return;
    this.live.delete(id);
    await l.runner.stop();
  }

  private setStatus(
    id: string,
    status: DeploymentStatus,
    data: { startedAt?: Date; stoppedAt?: Date; lastError?: string | null },
    message: string | undefined,
  ): Promise<void> {
    const write = async () => {
      const d = await this.prisma.deployment.update({ where: { id }, data: { status, ...data } });
      if (message !== undefined) await this.event(id, "status", message, { status });
      this.hub?.publishStatus(id, status, d.lastError);
    };
    const next = (this.writes.get(id) ?? Promise.resolve()).then(write);
    const settled = next.catch(() => {});
    this.writes.set(id, settled);
    settled.then(() => {
      if (this.writes.get(id) === settled) this.writes.delete(id);
    });
    return next;
  }

  private event(deploymentId: string, kind: string, message: string, data?: object) {
    return this.prisma.deploymentEvent.create({
      data: { deploymentId, kind, message, data: data as InputJsonValue | undefined },
    });
  }

  private tick() {
    for (const [id, l] of this.live) {
      l.metrics = snapshot(l.runner.counters(), l.metrics);
      this.hub?.publishMetrics(id, l.metrics);
    }
  }
}

function checked(document: unknown) {
  const { document: doc, findings } = validateDocument(document);
  if (!doc) throw new InvalidTopologyError(findings);
  return doc;
}

function slug(name: string) {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "topology"
  );
}
