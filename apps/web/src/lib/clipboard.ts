// Copy/paste of a selection: the nodes, the edges between them and their positions, pasted
// under fresh ids so the copy never aliases the original.
import type { Edge, Node, Topology } from "@riffle/topology";
import { edgeId, freshId, withPositions, type XY } from "./doc-edit";

export interface Fragment {
  nodes: Node[];
  edges: Edge[];
  positions: Record<string, XY>;
}

export function copyFragment(doc: Topology, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  const positions: Record<string, XY> = {};
  for (const id of ids) {
    const p = doc.layout?.nodes[id];
    if (p) positions[id] = p;
  }
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node)),
    positions,
  };
}

export function pasteFragment(
  doc: Topology,
  fragment: Fragment,
  offset: XY,
): { doc: Topology; ids: string[] } {
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of fragment.nodes) {
    const id = freshId(doc, n.kind, taken);
    taken.add(id);
    renamed.set(n.id, id);
  }
  const nodes = fragment.nodes.map((n) => ({ ...structuredClone(n), id: renamed.get(n.id)! }));
  const edges = fragment.edges.map((e) => {
    const from = { ...e.from, node: renamed.get(e.from.node)! };
    const to = { ...e.to, node: renamed.get(e.to.node)! };
    return { id: edgeId(from, to), from, to };
  });
  const positions: Record<string, XY> = {};
  for (const [old, id] of renamed) {
    const p = fragment.positions[old] ?? { x: 0, y: 0 };
    positions[id] = { x: p.x + offset.x, y: p.y + offset.y };
  }
  const next = { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] };
  return { doc: withPositions(next, positions), ids: [...renamed.values()] };
}
