// Auto-layout: a layered left-to-right layout of the document with dagre.
import dagre from "@dagrejs/dagre";
import type { Topology } from "@riffle/topology";
import { withPositions, type XY } from "./doc-edit";

export interface Size {
  width: number;
  height: number;
}

const DEFAULT_SIZE: Size = { width: 200, height: 72 };

/** Top-left positions for every node; `sizes` are measured sizes where known. */
export function layoutPositions(doc: Topology, sizes: Map<string, Size>): Record<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes.get(n.id) ?? DEFAULT_SIZE) });
  for (const e of doc.edges) g.setEdge(e.from.node, e.to.node);
  dagre.layout(g);
  const positions: Record<string, XY> = {};
  for (const n of doc.nodes) {
    const { x, y, width, height } = g.node(n.id);
    positions[n.id] = { x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
  }
  return positions;
}

/**
 * Places the nodes a document has no position for (templates, documents made by the API, the
 * CLI or SQL): they are laid out like auto-layout would; placed nodes keep their positions.
 */
export function withMissingPositions(doc: Topology): Topology {
  const missing = doc.nodes.filter((n) => !doc.layout?.nodes[n.id]);
  if (missing.length === 0) return doc;
  const laidOut = layoutPositions(doc, new Map());
  return withPositions(doc, Object.fromEntries(missing.map((n) => [n.id, laidOut[n.id]])));
}
