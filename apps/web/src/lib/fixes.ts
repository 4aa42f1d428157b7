// Applies a finding's fix (document edits from @riffle/topology) and places any node the fix
// inserts between the nodes it connects, so the canvas shows it where it belongs.
import { applyFix, type Finding, type Topology } from "@riffle/topology";
import { withPositions, type XY } from "./doc-edit";

export function applyFinding(doc: Topology, finding: Finding): Topology {
  if (!finding.fix) return doc;
  const fixed = applyFix(doc, finding.fix);
  const known = fixed.layout?.nodes ?? {};
  const placed: Record<string, XY> = {};
  for (const node of fixed.nodes) {
    if (known[node.id]) continue;
    const neighbours = fixed.edges
      .flatMap((e) =>
        e.to.node === node.id ? [e.from.node] : e.from.node === node.id ? [e.to.node] : [],
      )
      .map((id) => known[id])
      .filter((p): p is XY => Boolean(p));
    if (neighbours.length === 0) continue;
    const x = neighbours.reduce((sum, p) => sum + p.x, 0) / neighbours.length;
    const y = neighbours.reduce((sum, p) => sum + p.y, 0) / neighbours.length;
    placed[node.id] = { x: Math.round(x), y: Math.round(y + 90) };
  }
  return withPositions(fixed, placed);
}
