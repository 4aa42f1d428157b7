// Applies a finding's fix (document edits from @riffle/topology). A fix that inserts nodes
// (a repartition before a join, say) re-lays the graph out so the new node has room.
import { applyFix, type Finding, type Topology } from "@riffle/topology";
import { withPositions } from "./doc-edit";
import { layoutPositions } from "./layout";

export function applyFinding(doc: Topology, finding: Finding): Topology {
  if (!finding.fix) return doc;
  const fixed = applyFix(doc, finding.fix);
  return fixed.nodes.length > doc.nodes.length
    ? withPositions(fixed, layoutPositions(fixed, new Map()))
    : fixed;
}

/** True when applying the finding's fix adds nodes (the canvas then fits the new layout). */
export const fixAddsNodes = (finding: Finding): boolean =>
  finding.fix?.edits.some((e) => e.op === "add-node") ?? false;
