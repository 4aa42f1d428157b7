// The one module that talks to the worker's REST API (docs/api.md). Every failure becomes an
// ApiError with a kind the UI can explain: worker down, version conflict, invalid, not found.
import type { Topic, Topology } from "@riffle/topology";

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
  applicationId: string;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  lastError: string | null;
}

export interface TopologySummary {
  id: string;
  name: string;
  /** 0 until the first version is saved. */
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
  latestDeployment: Deployment | null;
}

export interface VersionSummary {
  id: string;
  version: number;
  message: string | null;
  createdAt: string;
}

export interface TopologyVersion extends VersionSummary {
  document: Topology;
}

/** A sample-data generator and the topic it writes, declared as a document declares it. */
export interface Sample {
  name: string;
  description: string;
  topic: Topic;
  defaultRate: number;
  running: boolean;
  rate: number;
  produced: number;
}

export interface TestRecord {
  key?: unknown;
  value: unknown;
  timestamp?: number;
  partition?: number;
}

export interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

/** Where the worker listens: RIFFLE_WORKER_URL given to the web server, else port 4000 here. */
export function workerUrl(): string {
  if (typeof document === "undefined") return "http://localhost:4000";
  const configured = document.querySelector<HTMLMetaElement>('meta[name="riffle-worker"]')?.content;
  if (configured) return configured.replace(/\/$/, "");
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
    const error = (data as ErrorBody | undefined)?.error;
    throw new ApiError(
      KIND_BY_STATUS[response.status] ?? "server",
      error?.message ?? `${method} ${path} failed with ${response.status}`,
      response.status,
      error?.details,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: text } };
  }
}

export const api = {
  health: () => request<unknown>("GET", "/health"),
  listTopologies: () => request<TopologySummary[]>("GET", "/topologies"),
  getTopology: (id: string) => request<TopologySummary>("GET", `/topologies/${id}`),
  createTopology: (name: string, document: Topology) =>
    request<TopologySummary>("POST", "/topologies", { name, document }),
  renameTopology: (id: string, name: string) =>
    request<TopologySummary>("PATCH", `/topologies/${id}`, { name }),
  duplicateTopology: (id: string) =>
    request<TopologySummary>("POST", `/topologies/${id}/duplicate`, {}),
  deleteTopology: (id: string) => request<void>("DELETE", `/topologies/${id}`),
  /** Newest first. */
  listVersions: (id: string) => request<VersionSummary[]>("GET", `/topologies/${id}/versions`),
  getVersion: (id: string, version: number) =>
    request<TopologyVersion>("GET", `/topologies/${id}/versions/${version}`),
  /** Saves a new version; refused with a conflict when `baseVersion` is not the latest. */
  saveVersion: (id: string, document: Topology, baseVersion: number) =>
    request<TopologyVersion>("POST", `/topologies/${id}/versions`, { document, baseVersion }),
  listDeployments: (topologyId: string) =>
    request<Deployment[]>("GET", `/deployments?topologyId=${encodeURIComponent(topologyId)}`),
  getDeployment: (id: string) => request<Deployment>("GET", `/deployments/${id}`),
  deploy: (topologyId: string, version: number, runtime: Runtime) =>
    request<Deployment>("POST", "/deployments", { topologyId, version, runtime }),
  stop: (id: string) => request<Deployment>("POST", `/deployments/${id}/stop`),
  redeploy: (id: string, version: number) =>
    request<Deployment>("POST", `/deployments/${id}/redeploy`, { version }),
  produce: (topic: string, record: TestRecord) =>
    request<unknown>("POST", `/topics/${encodeURIComponent(topic)}/records`, record),
  listSamples: () => request<Sample[]>("GET", "/samples"),
  startSample: (name: string, rate?: number) =>
    request<Sample>("POST", `/samples/${name}/start`, rate === undefined ? {} : { rate }),
  stopSample: (name: string) => request<Sample>("POST", `/samples/${name}/stop`),
};
