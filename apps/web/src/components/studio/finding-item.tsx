"use client";
// One validation finding: severity, code, message; click selects its node; a fix button
// applies the finding's document edit.
import type { Finding } from "../../lib/analysis";
import { applyFinding, fixAddsNodes } from "../../lib/fixes";
import { useDocument } from "../../store/document-store";
import { useView } from "../../store/view-store";

export function FindingItem({ finding }: { finding: Finding }) {
  const select = useDocument((s) => s.select);
  const edit = useDocument((s) => s.edit);
  return (
    <li data-testid="finding" data-code={finding.code}>
      <span className={`sev-${finding.severity}`}>{finding.severity}</span>
      <button
        type="button"
        className="grow"
        style={{ textAlign: "left", border: "none", background: "none" }}
        disabled={!finding.nodeId}
        onClick={() => finding.nodeId && select(finding.nodeId)}
      >
        <code>{finding.code}</code> {finding.nodeId ? <strong>{finding.nodeId}</strong> : null}{" "}
        {finding.message}
      </button>
      {finding.fix && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            edit((d) => applyFinding(d, finding));
            if (fixAddsNodes(finding)) useView.getState().requestFit();
          }}
        >
          Fix: {finding.fix.title}
        </button>
      )}
    </li>
  );
}
