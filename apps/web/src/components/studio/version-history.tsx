"use client";
// Saved versions (the worker lists them newest first); restore puts a version on the canvas as an undoable edit.
import { useDocument } from "../../store/document-store";
import { useSession } from "../../store/session-store";

export function VersionHistory() {
  const versions = useSession((s) => s.versions);
  const restore = useSession((s) => s.restore);
  const base = useDocument((s) => s.baseVersion);
  if (versions.length === 0) return <p className="section muted">No saved versions yet.</p>;
  return (
    <ul className="list" aria-label="Versions" data-testid="versions" style={{ margin: 8 }}>
      {versions.map((v) => (
        <li key={v.version} data-testid="version-row">
          <div className="grow">
            <strong>v{v.version}</strong>{" "}
            {v.version === base && <span className="badge">editing</span>}
            <div className="muted">{new Date(v.createdAt).toLocaleString()}</div>
          </div>
          <button type="button" onClick={() => restore(v.version)}>
            Restore
          </button>
        </li>
      ))}
    </ul>
  );
}
