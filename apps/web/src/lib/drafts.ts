// Unsaved documents survive a reload, a worker outage or a version conflict: each topology's
// draft is kept in localStorage until it is saved.
import type { Topology } from "@riffle/topology";

export interface Draft {
  document: Topology;
  baseVersion: number;
  savedAt: number;
}

const key = (topologyId: string) => `riffle.draft.${topologyId}`;

export function loadDraft(topologyId: string): Draft | null {
  try {
    const text = localStorage.getItem(key(topologyId));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(topologyId: string, document: Topology, baseVersion: number): void {
  try {
    const draft: Draft = { document, baseVersion, savedAt: Date.now() };
    localStorage.setItem(key(topologyId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the in-memory document is still there.
  }
}

export function clearDraft(topologyId: string): void {
  try {
    localStorage.removeItem(key(topologyId));
  } catch {
    // Nothing to clear.
  }
}
