// Topics of the embedded log: list, create, produce a test record, peek the latest records.
import { z } from "zod";
import { NotFoundError, UserError } from "../errors";
import {
  CreateTopic,
  ErrorBody,
  LogRecord,
  PeekQuery,
  ProduceBody,
  ProducedBatch,
  TopicInfo,
  TopicParam,
} from "./dto";
import type { App, Services } from "./types";

const tags = ["topics"];

export function topicRoutes(app: App, { topics }: Services) {
  app.get(
    "/topics",
    {
      schema: {
        tags,
        summary: "List topics with partition counts and end offsets",
        response: { 200: z.array(TopicInfo) },
      },
    },
    async () => topics.list(),
  );
  app.post(
    "/topics",
    {
      schema: {
        tags,
        summary: "Create a topic (an existing one keeps its partitions)",
        body: CreateTopic,
        response: { 201: TopicInfo },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return topics.declare(req.body.name, req.body.partitions);
    },
  );
  app.post(
    "/topics/:name/records",
    {
      schema: {
        tags,
        summary: "Produce a test record, or an array of them (partition from the key unless given)",
        params: TopicParam,
        body: ProduceBody,
        response: { 201: z.union([LogRecord, ProducedBatch]), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { name } = req.params;
      const batch = Array.isArray(req.body) ? req.body : [req.body];
      const partitions = (await topics.info(name))?.partitions;
      const bad = batch.find((r) => partitions !== undefined && (r.partition ?? 0) >= partitions);
      if (bad) {
        throw new UserError(
          400,
          "bad_partition",
          `topic '${name}' has ${partitions} partitions; partition ${bad.partition} does not exist`,
        );
      }
      const written = await topics.append(name, batch);
      reply.code(201);
      // A batch answers with positions only: echoing thousands of records back costs more than
      // writing them.
      if (!Array.isArray(req.body)) return written[0]!;
      return {
        count: written.length,
        positions: written.map(({ partition, offset }) => ({ partition, offset })),
      };
    },
  );
  app.get(
    "/topics/:name/records",
    {
      schema: {
        tags,
        summary: "Peek the latest records of a topic, oldest first",
        params: TopicParam,
        querystring: PeekQuery,
        response: { 200: z.array(LogRecord), 404: ErrorBody },
      },
    },
    async (req) => {
      if (!(await topics.info(req.params.name))) throw new NotFoundError("topic", req.params.name);
      return topics.latest(req.params.name, req.query.limit, req.query.partition);
    },
  );
}
