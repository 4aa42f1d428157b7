// Deployments of topology versions: deploy, stop, redeploy, delete, status, metrics, events,
// dead letters.
import { z } from "zod";
import { NotFoundError } from "../errors";
import {
  Deploy,
  Deployment,
  DeploymentEvent,
  ErrorBody,
  IdParam,
  LimitQuery,
  LogRecord,
  Metrics,
  Redeploy,
  toDeployment,
  toEvent,
} from "./dto";
import type { App, Services } from "./types";

const tags = ["deployments"];
const one = { params: IdParam, response: { 200: Deployment, 404: ErrorBody } };

export function deploymentRoutes(app: App, { deployments }: Services) {
  app.get(
    "/deployments",
    {
      schema: {
        tags,
        summary: "List deployments, newest first",
        querystring: z.object({ topologyId: z.string().optional() }),
        response: { 200: z.array(Deployment) },
      },
    },
    async (req) => (await deployments.list(req.query.topologyId)).map((d) => toDeployment(d)),
  );
  app.post(
    "/deployments",
    {
      schema: {
        tags,
        summary: "Deploy a version (default: latest) on the embedded or Kafka runtime",
        body: Deploy,
        response: { 201: Deployment, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const { topologyId, version, runtime } = req.body;
      reply.code(201);
      return toDeployment(await deployments.deploy(topologyId, version, runtime));
    },
  );
  app.get(
    "/deployments/:id",
    { schema: { tags, summary: "Deployment status", ...one } },
    async (req) => toDeployment(await deployments.get(req.params.id)),
  );
  app.post(
    "/deployments/:id/stop",
    { schema: { tags, summary: "Stop a deployment", ...one } },
    async (req) => toDeployment(await deployments.stop(req.params.id)),
  );
  app.post(
    "/deployments/:id/redeploy",
    {
      schema: {
        tags,
        summary: "Restart a deployment, optionally on another version",
        body: Redeploy.optional(),
        ...one,
        response: { ...one.response, 422: ErrorBody },
      },
    },
    async (req) => toDeployment(await deployments.redeploy(req.params.id, req.body?.version)),
  );
  app.delete(
    "/deployments/:id",
    {
      schema: {
        tags,
        summary:
          "Stop and delete a deployment; internalTopics=true also deletes its Kafka repartition and changelog topics",
        params: IdParam,
        querystring: z.object({ internalTopics: z.stringbool().default(false) }),
        response: {
          200: z.object({ id: z.string(), deletedTopics: z.array(z.string()) }),
          404: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req) => ({
      id: req.params.id,
      deletedTopics: await deployments.delete(req.params.id, req.query.internalTopics),
    }),
  );
  app.get(
    "/deployments/:id/metrics",
    {
      schema: {
        tags,
        summary: "Latest per-second metrics (404 when not running)",
        params: IdParam,
        response: { 200: Metrics, 404: ErrorBody },
      },
    },
    async (req) => {
      const m = await deployments.metrics(req.params.id);
      if (!m) throw new NotFoundError("running deployment", req.params.id);
      return m;
    },
  );
  app.get(
    "/deployments/:id/events",
    {
      schema: {
        tags,
        summary: "Deployment events, newest first",
        params: IdParam,
        querystring: LimitQuery,
        response: { 200: z.array(DeploymentEvent), 404: ErrorBody },
      },
    },
    async (req) => (await deployments.events(req.params.id, req.query.limit)).map(toEvent),
  );
  app.get(
    "/deployments/:id/dead-letters",
    {
      schema: {
        tags,
        summary: "Records the deployment could not process, newest last",
        params: IdParam,
        querystring: LimitQuery,
        response: { 200: z.array(LogRecord), 404: ErrorBody },
      },
    },
    async (req) => deployments.deadLetters(req.params.id, req.query.limit),
  );
  app.post(
    "/deployments/:id/dead-letters/replay",
    {
      schema: {
        tags,
        summary: "Append every dead letter again to its source topic",
        params: IdParam,
        response: { 200: z.object({ replayed: z.number().int() }), 404: ErrorBody },
      },
    },
    async (req) => ({ replayed: await deployments.replayDeadLetters(req.params.id) }),
  );
}
