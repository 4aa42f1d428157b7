"use client";
// Every finding of the live validation; click one to select its node.
import { useDocument } from "../../store/document-store";
import { FindingItem } from "./finding-item";

export function ProblemsPanel() {
  const findings = useDocument((s) => s.analysis.findings);
  const ms = useDocument((s) => s.analysis.ms);
  const empty = useDocument((s) => s.doc.nodes.length === 0);
  const timing = <span className="muted"> (validated in {ms.toFixed(1)} ms)</span>;
  if (findings.length === 0)
    return (
      <p className="muted" data-testid="problems-empty">
        {empty
          ? "Nothing to check yet: add nodes from the palette."
          : "No problems: this topology is valid."}
        {!empty && timing}
      </p>
    );
  return (
    <>
      <ul className="problems" aria-label="Problems" data-testid="problems">
        {findings.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: findings may repeat a code on one node
          <FindingItem key={i} finding={f} />
        ))}
      </ul>
      <p style={{ margin: "4px 0" }}>{timing}</p>
    </>
  );
}
