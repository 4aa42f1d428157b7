// Studio shortcuts. Ignored while typing in a field or in Monaco, so text editing keeps its keys.
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { useDocument } from "../store/document-store";
import { useSession } from "../store/session-store";
import { useView } from "../store/view-store";

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return Boolean(
    target.closest("input, textarea, select, [contenteditable='true'], .nokey, .monaco-editor"),
  );
}

export function useKeyboardShortcuts() {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      // Saving works everywhere, even from inside an expression field.
      if (mod && key === "s") {
        e.preventDefault();
        useSession.getState().save();
        return;
      }
      if (typing(e.target)) return;
      const doc = useDocument.getState();
      const actions: Record<string, () => void> = {
        "mod+z": doc.undo,
        "mod+shift+z": doc.redo,
        "mod+y": doc.redo,
        "mod+c": doc.copy,
        "mod+v": doc.paste,
        delete: doc.deleteSelection,
        backspace: doc.deleteSelection,
        l: () => {
          doc.autoLayout();
          useView.getState().requestFit();
        },
        f: () => fitView({ duration: 200, maxZoom: 1.5 }),
        escape: () => doc.select(null),
      };
      const combo = `${mod ? "mod+" : ""}${e.shiftKey && mod ? "shift+" : ""}${key}`;
      const action = actions[combo];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [fitView]);
}
