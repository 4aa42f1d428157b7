"use client";
// The studio's top bar: name, unsaved marker, save, undo/redo, layout, fit, theme.
import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { isDirty, useDocument } from "../../store/document-store";
import { useSession } from "../../store/session-store";
import { useView } from "../../store/view-store";
import { ThemeToggle } from "../theme-toggle";

export function StudioHeader() {
  const name = useSession((s) => s.name);
  const saving = useSession((s) => s.saving);
  const save = useSession((s) => s.save);
  const dirty = useDocument(isDirty);
  const baseVersion = useDocument((s) => s.baseVersion);
  const canUndo = useDocument((s) => s.history.past.length > 0);
  const canRedo = useDocument((s) => s.history.future.length > 0);
  const errors = useDocument(
    (s) => s.analysis.findings.filter((f) => f.severity === "error").length,
  );
  const { fitView } = useReactFlow();
  const doc = useDocument.getState;
  return (
    <header className="studio-head">
      <Link href="/" aria-label="All topologies">
        ← Topologies
      </Link>
      <h1 data-testid="topology-name">{name || "…"}</h1>
      <span className="muted" data-testid="version-marker">
        v{baseVersion}
        {dirty ? " · unsaved changes" : ""}
      </span>
      <span className={`badge ${errors ? "failed" : "running"}`} data-testid="validity">
        {errors ? `${errors} error${errors > 1 ? "s" : ""}` : "valid"}
      </span>
      <span className="grow" />
      <button type="button" onClick={() => doc().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button
        type="button"
        onClick={() => doc().redo()}
        disabled={!canRedo}
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
      <button
        type="button"
        onClick={() => {
          doc().autoLayout();
          useView.getState().requestFit();
        }}
        title="Auto-layout (L)"
      >
        Auto-layout
      </button>
      <button
        type="button"
        onClick={() => fitView({ duration: 200, maxZoom: 1.5 })}
        title="Zoom to fit (F)"
      >
        Fit
      </button>
      <button
        type="button"
        className="primary"
        onClick={save}
        disabled={saving}
        title="Save a new version (Ctrl+S)"
      >
        {saving ? "Saving…" : "Save"}
      </button>
      <ThemeToggle />
    </header>
  );
}
