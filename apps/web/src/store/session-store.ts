// The topology being edited as the worker knows it: id, name, versions, load and save state.
// Saving never loses an edit: on failure the document stays in the store and the draft.
import { create } from "zustand";
import { ApiError, api, type VersionSummary } from "../lib/api";
import { emptyDocument } from "../lib/doc-edit";
import { clearDraft, loadDraft } from "../lib/drafts";
import { useDocument } from "./document-store";
import { notify } from "./notice-store";

type LoadState = "loading" | "ready" | "error";

interface SessionState {
  topologyId: string | null;
  name: string;
  versions: VersionSummary[];
  loadState: LoadState;
  loadError: string | null;
  saving: boolean;
  /** Set after a version conflict: the version someone else saved meanwhile. */
  conflict: number | null;
  open: (topologyId: string) => Promise<void>;
  save: () => Promise<void>;
  restore: (version: number) => Promise<void>;
  refreshVersions: () => Promise<void>;
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

export const useSession = create<SessionState>()((set, get) => ({
  topologyId: null,
  name: "",
  versions: [],
  loadState: "loading",
  loadError: null,
  saving: false,
  conflict: null,
  open: async (topologyId) => {
    set({ topologyId, loadState: "loading", loadError: null, conflict: null });
    const draft = loadDraft(topologyId);
    try {
      const summary = await api.getTopology(topologyId);
      const [latest, versions] = await Promise.all([
        summary.latestVersion > 0
          ? api.getVersion(topologyId, summary.latestVersion)
          : { version: 0, document: emptyDocument(summary.name) },
        api.listVersions(topologyId),
      ]);
      if (draft) {
        useDocument.getState().load(draft.document, draft.baseVersion, latest.document);
        notify("info", "Restored your unsaved changes from this browser.");
      } else {
        useDocument.getState().load(latest.document, latest.version);
      }
      set({ name: summary.name, versions, loadState: "ready" });
    } catch (e) {
      // The worker is down: the draft (if any) is still editable and saved locally.
      if (draft) useDocument.getState().load(draft.document, draft.baseVersion);
      set({ loadState: draft ? "ready" : "error", loadError: message(e) });
    }
  },
  save: async () => {
    const { topologyId } = get();
    const { doc, baseVersion } = useDocument.getState();
    if (!topologyId) return;
    set({ saving: true });
    try {
      // After a conflict was shown, saving again deliberately puts these edits on top.
      const base = get().conflict ?? baseVersion;
      const saved = await api.saveVersion(topologyId, doc, base);
      useDocument.getState().markSaved(saved.version);
      clearDraft(topologyId);
      set({ conflict: null, loadError: null });
      notify("success", `Saved as version ${saved.version}.`);
      await get().refreshVersions();
    } catch (e) {
      if (e instanceof ApiError && e.kind === "conflict") {
        const latest =
          (e.details as { currentVersion?: number } | undefined)?.currentVersion ?? null;
        set({ conflict: latest });
        notify(
          "error",
          `Someone saved version ${latest ?? "newer"} meanwhile. Your edits are kept: save again to put them on top, or open the version history.`,
        );
      } else notify("error", `Not saved: ${message(e)} Your edits are kept in this browser.`);
    } finally {
      set({ saving: false });
    }
  },
  restore: async (version) => {
    const { topologyId } = get();
    if (!topologyId) return;
    try {
      const v = await api.getVersion(topologyId, version);
      // Restoring is an edit on top of the latest version, so it can be undone and saved.
      useDocument.getState().edit(() => v.document);
      notify("info", `Version ${version} restored into the canvas; save to make it the latest.`);
    } catch (e) {
      notify("error", message(e));
    }
  },
  refreshVersions: async () => {
    const { topologyId } = get();
    if (!topologyId) return;
    try {
      set({ versions: await api.listVersions(topologyId) });
    } catch (e) {
      notify("error", message(e));
    }
  },
}));
