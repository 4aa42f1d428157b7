// Topologies and their immutable versions.
import { z } from "zod";
import {
  CreateTopology,
  CreateVersion,
  DuplicateTopology,
  ErrorBody,
  IdParam,
  RenameTopology,
  Topology,
  toTopology,
  toVersion,
  Version,
  VersionParam,
  VersionSummary,
} from "./dto";
import type { App, Services } from "./types";

const tags = ["topologies"];

export function topologyRoutes(app: App, { topologies, deployments }: Services) {
  app.get(
    "/topologies",
    {
      schema: {
        tags,
        summary: "List topologies with their latest deployment",
        response: { 200: z.array(Topology) },
      },
    },
    async () => (await topologies.list()).map(toTopology),
  );
  app.post(
    "/topologies",
    {
      schema: {
        tags,
        summary: "Create a topology (with version 1 when a document is given)",
        body: CreateTopology,
        response: { 201: Topology, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const { name, document, message } = req.body;
      reply.code(201);
      return toTopology(await topologies.create(name, document, message));
    },
  );
  app.get(
    "/topologies/:id",
    {
      schema: {
        tags,
        summary: "Get a topology",
        params: IdParam,
        response: { 200: Topology, 404: ErrorBody },
      },
    },
    async (req) => toTopology(await topologies.get(req.params.id)),
  );
  app.patch(
    "/topologies/:id",
    {
      schema: {
        tags,
        summary: "Rename a topology",
        params: IdParam,
        body: RenameTopology,
        response: { 200: Topology, 404: ErrorBody },
      },
    },
    async (req) => toTopology(await topologies.rename(req.params.id, req.body.name)),
  );
  app.post(
    "/topologies/:id/duplicate",
    {
      schema: {
        tags,
        summary: "Copy a topology; the copy's version 1 is the source's latest version",
        params: IdParam,
        body: DuplicateTopology.optional(),
        response: { 201: Topology, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return toTopology(await topologies.duplicate(req.params.id, req.body?.name));
    },
  );
  app.delete(
    "/topologies/:id",
    {
      schema: {
        tags,
        summary: "Stop its deployments and delete a topology",
        params: IdParam,
        response: { 204: z.null(), 404: ErrorBody },
      },
    },
    async (req, reply) => {
      await topologies.get(req.params.id);
      await deployments.stopAllOf(req.params.id);
      await topologies.delete(req.params.id);
      reply.code(204).send(null);
    },
  );
  app.get(
    "/topologies/:id/versions",
    {
      schema: {
        tags,
        summary: "List versions, newest first",
        params: IdParam,
        response: { 200: z.array(VersionSummary), 404: ErrorBody },
      },
    },
    async (req) => (await topologies.listVersions(req.params.id)).map(toVersion),
  );
  app.get(
    "/topologies/:id/versions/:version",
    {
      schema: {
        tags,
        summary: "Get one version with its document",
        params: VersionParam,
        response: { 200: Version, 404: ErrorBody },
      },
    },
    async (req) => toVersion(await topologies.getVersion(req.params.id, req.params.version)),
  );
  app.post(
    "/topologies/:id/versions",
    {
      schema: {
        tags,
        summary: "Save a new version (refused with 409 when baseVersion is not the latest)",
        params: IdParam,
        body: CreateVersion,
        response: { 201: Version, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const { baseVersion, document, message } = req.body;
      reply.code(201);
      return toVersion(
        await topologies.createVersion(req.params.id, baseVersion, document, message),
      );
    },
  );
}
