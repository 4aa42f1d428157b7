// Assembles the worker: database, embedded log, services, REST routes, socket.io hub.
// `startWorker` is what main.ts and the tests call; `close` is the graceful shutdown.
import { join } from "node:path";
import cors from "@fastify/cors";
import swagger from "@fastify/swagger";
import { DurableLog, type Log, MemoryLog } from "@riffle/engine";
import Fastify, { type FastifyBaseLogger, LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { bearer, tokenMatches } from "./auth";
import type { Config } from "./config";
import { type Database, openDatabase } from "./db/client";
import { UserError } from "./errors";
import { deploymentRoutes } from "./http/deployments.routes";
import { errorHandler } from "./http/error-handler";
import { sampleRoutes } from "./http/samples.routes";
import { storeRoutes } from "./http/stores.routes";
import { PUBLIC_ROUTES, systemRoutes } from "./http/system.routes";
import { topicRoutes } from "./http/topics.routes";
import { topologyRoutes } from "./http/topologies.routes";
import type { App, Services } from "./http/types";
import { ksqlRoutes } from "./ksql/routes";
import { LiveHub } from "./live/hub";
import { servePushQueries } from "./live/push-query-socket";
import { DeploymentService } from "./services/deployment.service";
import { SampleService } from "./services/sample.service";
import { TopicLog } from "./services/topic-log";
import { TopologyService } from "./services/topology.service";

/** How often the durable log applies retention. */
const LOG_MAINTENANCE_MS = 60_000;

/** Tests that keep the database in memory keep the log there too. */
function openLog(config: Config, inMemory: boolean): Log & { maintain?(): Promise<void> } {
  if (inMemory || config.log === "memory") return new MemoryLog();
  return new DurableLog({ dir: join(config.dataDir, "log") });
}

export interface Worker {
  app: App;
  hub: LiveHub;
  services: Services;
  db: Database;
  /** Where it listens, e.g. http://127.0.0.1:4000. */
  url: string;
  close(reason?: string): Promise<void>;
}

export interface WorkerOptions {
  /** Keep PGlite in memory instead of `<dataDir>/db` (tests). */
  inMemoryDatabase?: boolean;
  hub?: Partial<
    Pick<
      import("./live/hub").HubOptions,
      "flushIntervalMs" | "queueCapacity" | "defaultRate" | "maxRatePerClient"
    >
  >;
}

export async function startWorker(
  config: Config,
  logger: Logger,
  options: WorkerOptions = {},
): Promise<Worker> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    embeddedDir: options.inMemoryDatabase ? undefined : config.dataDir,
  });
  logger.info({ database: db.kind, applied: db.applied }, "database ready");
  let ready = false;
  const log = openLog(config, options.inMemoryDatabase === true);
  const topics = new TopicLog(log);
  const topologies = new TopologyService(db.prisma);
  const deployments = new DeploymentService({
    prisma: db.prisma,
    topologies,
    topics,
    logger,
    kafka: config.kafka,
    stateDir: log instanceof DurableLog ? join(config.dataDir, "state") : undefined,
  });
  const samples = new SampleService(topics, logger);
  await samples.declareTopics();
  const services: Services = {
    topologies,
    deployments,
    samples,
    topics,
    ready: () => ready,
    database: db.kind,
  };

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    // Streaming responses (push queries) would hold shutdown open forever.
    forceCloseConnections: true,
    // Per-request logs would dominate at thousands of produced records a second.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(cors, { origin: config.webOrigins, credentials: true });
  await app.register(swagger, {
    openapi: {
      info: { title: "Riffle worker API", version: "1.0.0", description: "See docs/api.md" },
      components: { securitySchemes: { token: { type: "http", scheme: "bearer" } } },
      security: config.token ? [{ token: [] }] : [],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.addHook("onRequest", async (req) => {
    if (PUBLIC_ROUTES.has(req.url.split("?")[0]!) || req.method === "OPTIONS") return;
    if (!tokenMatches(config.token, bearer(req.headers.authorization))) {
      throw new UserError(
        401,
        "unauthorized",
        "missing or wrong token (Authorization: Bearer <RIFFLE_TOKEN>)",
      );
    }
  });
  for (const routes of [
    systemRoutes,
    topologyRoutes,
    deploymentRoutes,
    topicRoutes,
    sampleRoutes,
    storeRoutes,
  ]) {
    routes(app, services);
  }
  // Workers of one service id share its commands log: on disk, in a directory they all open.
  const sharedCommands = log instanceof DurableLog ? config.commandsDir : undefined;
  const pushQueries = ksqlRoutes(app, services, {
    serviceId: config.serviceId,
    dir: sharedCommands,
  });
  await app.ready();

  const hub = new LiveHub(app.server, {
    token: config.token,
    origins: config.webOrigins,
    log: logger,
    lookup: (id) => deployments.status(id),
    onTapsChanged: (id, nodeIds) => deployments.setTaps(id, nodeIds),
    queueCapacity: config.liveBuffer,
    defaultRate: config.liveRate,
    maxRatePerClient: Math.max(config.liveRate, 5000),
    ...options.hub,
  });
  deployments.attach(hub);
  servePushQueries(hub.io, pushQueries);
  if (config.samples) await samples.startAll();
  const resumed = await deployments.resume();
  const url = await app.listen({ port: config.port, host: config.host });
  ready = true;
  logger.info({ url, resumed }, "worker ready");

  const maintenance = setInterval(() => {
    log.maintain?.().catch((err) => logger.error({ err }, "log maintenance failed"));
  }, LOG_MAINTENANCE_MS);
  maintenance.unref();

  let closing: Promise<void> | undefined;
  const close = (reason = "shutdown") =>
    (closing ??= (async () => {
      ready = false;
      logger.info({ reason }, "worker stopping");
      samples.close();
      await deployments.shutdown();
      await hub.close(reason);
      await app.close();
      clearInterval(maintenance);
      await log.close();
      await db.close();
      logger.info("worker stopped");
    })());
  return { app, hub, services, db, url, close };
}
