// The deployment of the open topology: deploy, stop, redeploy, and its status and last error;
// findings of a refused deploy (e.g. a join whose topics are not co-partitioned on the cluster)
// are kept per node so the canvas shows them where they belong.
import { create } from "zustand";
import type { Finding } from "../lib/analysis";
import { ApiError, api, type Deployment, type Runtime } from "../lib/api";
import { useDocument } from "./document-store";
import { notify } from "./notice-store";
import { useSession } from "./session-store";

interface DeploymentState {
  deployment: Deployment | null;
  runtime: Runtime;
  busy: boolean;
  error: string | null;
  /** Node findings of the last refused deploy, by node id; cleared by the next attempt. */
  findingsByNode: Map<string, Finding[]>;
  setRuntime: (runtime: Runtime) => void;
  refresh: () => Promise<void>;
  deploy: () => Promise<void>;
  stop: () => Promise<void>;
  onStatus: (status: Deployment["status"], lastError?: string | null) => void;
}

const ACTIVE = new Set(["starting", "running", "stopping"]);

/** Saves first when there are unsaved edits: a deployment always runs a saved version. */
async function savedVersion(): Promise<number | null> {
  const doc = useDocument.getState();
  if (doc.doc !== doc.savedDoc || doc.baseVersion === 0) await useSession.getState().save();
  const after = useDocument.getState();
  return after.doc === after.savedDoc && after.baseVersion > 0 ? after.baseVersion : null;
}

// Declared before the store: create() runs the initializer at once.
const NO_FINDINGS = new Map<string, Finding[]>();

export const useDeployment = create<DeploymentState>()((set, get) => {
  const act = async (action: () => Promise<Deployment>) => {
    set({ busy: true, error: null, findingsByNode: NO_FINDINGS });
    try {
      set({ deployment: await action() });
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      set({ error: message, findingsByNode: nodeFindings(e) });
      notify("error", `Deployment failed: ${message}`);
    } finally {
      set({ busy: false });
    }
  };
  return {
    deployment: null,
    runtime: "embedded",
    busy: false,
    error: null,
    findingsByNode: NO_FINDINGS,
    setRuntime: (runtime) => set({ runtime }),
    refresh: async () => {
      const topologyId = useSession.getState().topologyId;
      if (!topologyId) return;
      try {
        const [latest] = await api.listDeployments(topologyId);
        set({ deployment: latest ?? null });
      } catch {
        // Offline: the header banner already says so.
      }
    },
    deploy: async () => {
      const topologyId = useSession.getState().topologyId;
      const version = await savedVersion();
      if (!topologyId || version === null) return;
      const current = get().deployment;
      if (current && ACTIVE.has(current.status) && current.runtime === get().runtime)
        await act(() => api.redeploy(current.id, version));
      else await act(() => api.deploy(topologyId, version, get().runtime));
    },
    stop: async () => {
      const current = get().deployment;
      if (current) await act(() => api.stop(current.id));
    },
    onStatus: (status, lastError) =>
      set((s) =>
        s.deployment
          ? {
              deployment: {
                ...s.deployment,
                status,
                lastError: lastError ?? s.deployment.lastError,
              },
            }
          : {},
      ),
  };
});

/** The worker answers a refused deploy with `details.findings` naming nodes (docs/api.md). */
function nodeFindings(e: unknown): Map<string, Finding[]> {
  const details =
    e instanceof ApiError ? (e.details as { findings?: Finding[] } | undefined) : undefined;
  const byNode = new Map<string, Finding[]>();
  for (const f of details?.findings ?? []) {
    if (f.nodeId) byNode.set(f.nodeId, [...(byNode.get(f.nodeId) ?? []), f]);
  }
  return byNode.size > 0 ? byNode : NO_FINDINGS;
}

export const isActive = (d: Deployment | null) => d !== null && ACTIVE.has(d.status);
