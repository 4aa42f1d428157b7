// Keeps the unsaved document in localStorage, so a reload, a worker outage or a conflict never
// loses an edit. Writes are debounced; a saved document clears its draft.
import { useEffect } from "react";
import { clearDraft, saveDraft } from "../lib/drafts";
import { isDirty, useDocument } from "../store/document-store";

export function useDraftPersistence(topologyId: string) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useDocument.subscribe((s, prev) => {
      if (s.doc === prev.doc && s.savedDoc === prev.savedDoc) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = useDocument.getState();
        if (isDirty(now)) saveDraft(topologyId, now.doc, now.baseVersion);
        else clearDraft(topologyId);
      }, 300);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [topologyId]);
}
