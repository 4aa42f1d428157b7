// Topologies and their immutable versions. A new version must name the version it was edited
// from (`baseVersion`); if another editor saved in between, the save is refused with a conflict.

import type { PrismaClient } from "../db/client";
import type { InputJsonValue } from "../db/generated/internal/prismaNamespace";
import { InvalidTopologyError, NotFoundError, VersionConflictError } from "../errors";
import { readDocument } from "./validation.service";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs cannot exist; answering 404 early also spares the database a cast error. */
export function assertId(what: string, id: string) {
  if (!UUID.test(id)) throw new NotFoundError(what, id);
}

const withLatestDeployment = {
  deployments: {
    orderBy: { createdAt: "desc" as const },
    take: 1,
    include: { version: { select: { version: true } } },
  },
};

export class TopologyService {
  constructor(private readonly prisma: PrismaClient) {}

  list() {
    return this.prisma.topology.findMany({
      orderBy: { updatedAt: "desc" },
      include: withLatestDeployment,
    });
  }

  async get(id: string) {
    assertId("topology", id);
    const t = await this.prisma.topology.findUnique({
      where: { id },
      include: withLatestDeployment,
    });
    if (!t) throw new NotFoundError("topology", id);
    return t;
  }

  /** Creates a topology, with version 1 when a document is given. */
  create(name: string, document?: unknown, message?: string) {
    if (document !== undefined) assertDocument(document);
    return this.prisma.topology.create({
      data: {
        name,
        latestVersion: document === undefined ? 0 : 1,
        versions:
          document === undefined
            ? undefined
            : { create: { version: 1, document: document as InputJsonValue, message } },
      },
      include: withLatestDeployment,
    });
  }

  async rename(id: string, name: string) {
    await this.get(id);
    return this.prisma.topology.update({
      where: { id },
      data: { name },
      include: withLatestDeployment,
    });
  }

  /** A new topology whose version 1 is the latest version of `id`. */
  async duplicate(id: string, name?: string) {
    const source = await this.get(id);
    const latest =
      source.latestVersion > 0 ? await this.getVersion(id, source.latestVersion) : undefined;
    return this.create(name ?? `${source.name} (copy)`, latest?.document, `copy of ${source.name}`);
  }

  async delete(id: string) {
    await this.get(id);
    await this.prisma.topology.delete({ where: { id } });
  }

  async listVersions(id: string) {
    await this.get(id);
    return this.prisma.topologyVersion.findMany({
      where: { topologyId: id },
      orderBy: { version: "desc" },
      select: { id: true, topologyId: true, version: true, message: true, createdAt: true },
    });
  }

  async getVersion(id: string, version: number) {
    assertId("topology", id);
    const v = await this.prisma.topologyVersion.findUnique({
      where: { topologyId_version: { topologyId: id, version } },
    });
    if (!v) throw new NotFoundError("topology version", `${id}@${version}`);
    return v;
  }

  /** Saves `document` as version baseVersion + 1, or refuses if baseVersion is stale. */
  async createVersion(id: string, baseVersion: number, document: unknown, message?: string) {
    assertId("topology", id);
    assertDocument(document);
    return this.prisma.$transaction(async (tx) => {
      const bumped = await tx.topology.updateMany({
        where: { id, latestVersion: baseVersion },
        data: { latestVersion: { increment: 1 } },
      });
      if (bumped.count === 0) {
        const current = await tx.topology.findUnique({ where: { id } });
        if (!current) throw new NotFoundError("topology", id);
        throw new VersionConflictError(id, baseVersion, current.latestVersion);
      }
      return tx.topologyVersion.create({
        data: {
          topologyId: id,
          version: baseVersion + 1,
          document: document as InputJsonValue,
          message,
        },
      });
    });
  }
}

/** Versions hold readable documents; semantic findings are left to validate and deploy. */
function assertDocument(document: unknown) {
  const { document: parsed, findings } = readDocument(document);
  if (!parsed) throw new InvalidTopologyError(findings);
}
