// The one module that talks to the worker's REST API (docs/api.md). Every failure becomes an
// ApiError with a kind the UI can explain: worker down, version conflict, invalid, not found.
import type { Topology } from "@riffle/topology";

export type ApiErrorKind = "offline" | "conflict" | "invalid" | "not-found" | "server";

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type DeploymentStatus = "starting" | "running" | "stopping" | "stopped" | "failed";
export type Runtime = "embedded" | "kafka";

export interface Deployment {
  id: string;
  topologyId: string;
  version: number;
  runtime: Runtime;
  status: DeploymentStatus;
  error?: string | null;
  startedAt?: string;
}

export interface TopologySummary {
  id: string;
  name: string;
  latestVersion: number;
  updatedAt: string;
  deployment?: Deployment | null;
}

export interface VersionSummary {
  version: number;
  createdAt: string;
}

export interface TopologyVersion extends VersionSummary {
  document: Topology;
}

export interface Generator {
  name: string;
  topic: string;
  running: boolean;
  ratePerSec: number;
}

export interface TestRecord {
  topic: string;
  key: unknown;
  value: unknown;
  timestamp?: number;
}

/** Where the worker listens: NEXT_PUBLIC_RIFFLE_WORKER_URL, else port 4000 on this host. */
export function workerUrl(): string {
  const configured = process.env.NEXT_PUBLIC_RIFFLE_WORKER_URL;
  if (configured) return configured.replace(/\/$/, "");
  if (typeof window === "undefined") return "http://localhost:4000";
  return `${window.location.protocol}//${window.location.hostname}:4000`;
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = {
  400: "invalid",
  404: "not-found",
  409: "conflict",
  422: "invalid",
};

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${workerUrl()}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      "offline",
      `The worker at ${workerUrl()} is not answering. Start it with \`npm start\`; your edits are kept.`,
    );
  }
  const text = await response.text();
  const data = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const message = (data as { message?: string; error?: string } | undefined)?.message;
    throw new ApiError(
      KIND_BY_STATUS[response.status] ?? "server",
      message ?? `${method} ${path} failed with ${response.status}`,
      response.status,
      data,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export const api = {
  health: () => request<{ ok?: boolean; runtimes?: Runtime[] }>("GET", "/health"),
  listTopologies: () => request<TopologySummary[]>("GET", "/topologies"),
  getTopology: (id: string) => request<TopologySummary>("GET", `/topologies/${id}`),
  createTopology: (name: string, document: Topology) =>
    request<TopologySummary>("POST", "/topologies", { name, document }),
  renameTopology: (id: string, name: string) =>
    request<TopologySummary>("PATCH", `/topologies/${id}`, { name }),
  deleteTopology: (id: string) => request<void>("DELETE", `/topologies/${id}`),
  listVersions: (id: string) => request<VersionSummary[]>("GET", `/topologies/${id}/versions`),
  getVersion: (id: string, version: number) =>
    request<TopologyVersion>("GET", `/topologies/${id}/versions/${version}`),
  /** Saves a new version; refused with a conflict when `baseVersion` is not the latest. */
  saveVersion: (id: string, document: Topology, baseVersion: number) =>
    request<VersionSummary>("POST", `/topologies/${id}/versions`, { document, baseVersion }),
  listDeployments: (topologyId: string) =>
    request<Deployment[]>("GET", `/deployments?topologyId=${encodeURIComponent(topologyId)}`),
  deploy: (topologyId: string, version: number, runtime: Runtime) =>
    request<Deployment>("POST", "/deployments", { topologyId, version, runtime }),
  stop: (deploymentId: string) => request<Deployment>("POST", `/deployments/${deploymentId}/stop`),
  produce: (deploymentId: string, record: TestRecord) =>
    request<void>("POST", `/deployments/${deploymentId}/records`, record),
  listGenerators: () => request<Generator[]>("GET", "/generators"),
  setGenerator: (name: string, patch: { running?: boolean; ratePerSec?: number }) =>
    request<Generator>("PATCH", `/generators/${name}`, patch),
};
