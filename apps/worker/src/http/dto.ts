// Request and response shapes of the REST API. The same zod schemas validate requests,
// serialize responses and generate /openapi.json; mappers turn database rows into them.
import { z } from "zod";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

export const Finding = z
  .object({
    code: z.string().describe("catalogued finding code, e.g. RF021"),
    severity: z.enum(["error", "warning", "info"]),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    field: z
      .string()
      .optional()
      .describe("path inside the node or document, e.g. config.predicate"),
    message: z.string(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    fix: z.unknown().optional().describe("edits that fix it (applyFix in @riffle/topology)"),
  })
  .meta({ id: "Finding" });

export const IdParam = z.object({ id: z.string() });
export const VersionParam = z.object({ id: z.string(), version: z.coerce.number().int().min(1) });
export const LimitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

const Timestamp = z.string().describe("ISO-8601 instant");
const Runtime = z.enum(["embedded", "kafka"]);
const Status = z.enum(["starting", "running", "stopping", "stopped", "failed"]);
const Document = z.unknown().describe("a topology document (riffle.topology/v1)");

export const Deployment = z
  .object({
    id: z.string(),
    topologyId: z.string(),
    version: z.number().int(),
    runtime: Runtime,
    status: Status,
    applicationId: z.string(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    stoppedAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: "Deployment" });

export const Topology = z
  .object({
    id: z.string(),
    name: z.string(),
    latestVersion: z.number().int().describe("0 until the first version is saved"),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    latestDeployment: Deployment.nullable(),
  })
  .meta({ id: "Topology" });

export const VersionSummary = z.object({
  id: z.string(),
  topologyId: z.string(),
  version: z.number().int(),
  message: z.string().nullable(),
  createdAt: Timestamp,
});

export const Version = VersionSummary.extend({ document: Document }).meta({
  id: "TopologyVersion",
});

export const CreateTopology = z.object({
  name: z.string().min(1).max(200),
  document: Document.optional(),
  message: z.string().max(500).optional(),
});
export const RenameTopology = z.object({ name: z.string().min(1).max(200) });
export const DuplicateTopology = z.object({ name: z.string().min(1).max(200).optional() });
export const CreateVersion = z.object({
  baseVersion: z
    .number()
    .int()
    .min(0)
    .describe("the version this document was edited from; stale -> 409 with the current one"),
  document: Document,
  message: z.string().max(500).optional(),
});

export const ValidateBody = z.object({ document: Document });
export const ValidateResult = z.object({ valid: z.boolean(), findings: z.array(Finding) });

export const Deploy = z.object({
  topologyId: z.string(),
  version: z.number().int().min(1).optional().describe("default: the latest version"),
  runtime: Runtime.default("embedded"),
});
export const Redeploy = z.object({ version: z.number().int().min(1).optional() });

export const DeploymentEvent = z.object({
  id: z.string(),
  at: Timestamp,
  kind: z.string(),
  message: z.string(),
  data: z.unknown().nullable(),
});

export const Metrics = z
  .object({
    at: z.number(),
    nodes: z.array(
      z.object({
        nodeId: z.string(),
        recordsIn: z.number(),
        recordsOut: z.number(),
        rateIn: z.number(),
        rateOut: z.number(),
      }),
    ),
    lag: z.record(z.string(), z.number()),
    stores: z.array(z.object({ name: z.string(), size: z.number() })),
    lateDrops: z.number(),
    deadLetters: z.number(),
  })
  .meta({ id: "Metrics" });

export const LogRecord = z
  .object({
    topic: z.string(),
    partition: z.number().int(),
    offset: z.number().int(),
    key: z.unknown(),
    value: z.unknown(),
    timestamp: z.number(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: "Record" });

export const TopicInfo = z.object({
  name: z.string(),
  partitions: z.number().int(),
  endOffsets: z.array(z.number().int()),
});
export const TopicParam = z.object({ name: z.string().min(1).max(249) });
export const PeekQuery = LimitQuery.extend({
  partition: z.coerce.number().int().min(0).optional(),
});
export const ProduceRecord = z
  .object({
    key: z.unknown().optional(),
    value: z.unknown(),
    timestamp: z.number().int().min(0).optional(),
    partition: z.number().int().min(0).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: "ProduceRecord" });
export const ProduceBody = z.union([ProduceRecord, z.array(ProduceRecord).min(1).max(10_000)]);
export const ProducedBatch = z.object({
  count: z.number().int(),
  positions: z.array(z.object({ partition: z.number().int(), offset: z.number().int() })),
});
export const CreateTopic = z.object({
  name: z.string().min(1).max(249),
  partitions: z.number().int().min(1).max(1000),
});

export const Sample = z.object({
  name: z.string(),
  description: z.string(),
  topic: z.unknown().describe("the topic as a topology document declares it"),
  defaultRate: z.number(),
  running: z.boolean(),
  rate: z.number(),
  produced: z.number(),
});
export const SampleParam = z.object({ name: z.string() });
export const StartSample = z.object({ rate: z.number().min(0.1).max(100_000).optional() });

type DeploymentRow = {
  id: string;
  topologyId: string;
  runtime: "embedded" | "kafka";
  status: z.output<typeof Status>;
  applicationId: string;
  createdAt: Date;
  startedAt: Date | null;
  stoppedAt: Date | null;
  lastError: string | null;
  version?: { version: number };
};

export function toDeployment(d: DeploymentRow, version?: number): z.output<typeof Deployment> {
  return {
    id: d.id,
    topologyId: d.topologyId,
    version: version ?? d.version?.version ?? 0,
    runtime: d.runtime,
    status: d.status,
    applicationId: d.applicationId,
    createdAt: d.createdAt.toISOString(),
    startedAt: d.startedAt?.toISOString() ?? null,
    stoppedAt: d.stoppedAt?.toISOString() ?? null,
    lastError: d.lastError,
  };
}

export function toTopology(t: {
  id: string;
  name: string;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
  deployments: (DeploymentRow & { versionId: string })[];
}): z.output<typeof Topology> {
  const latest = t.deployments[0];
  return {
    id: t.id,
    name: t.name,
    latestVersion: t.latestVersion,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    latestDeployment: latest ? toDeployment(latest) : null,
  };
}

export function toVersion<T extends { createdAt: Date; message: string | null }>(v: T) {
  return { ...v, createdAt: v.createdAt.toISOString() };
}

export function toEvent(e: { id: bigint; at: Date; kind: string; message: string; data: unknown }) {
  return { ...e, id: e.id.toString(), at: e.at.toISOString(), data: e.data ?? null };
}
