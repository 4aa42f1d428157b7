// Document -> React Flow conversion. Flow nodes carry only ids and positions; components read
// the document node, its ports and findings from the store, so an edit re-renders one node.

import type { NodeKind, Topology } from "@riffle/topology";
import type { Edge as FlowEdge, Node as FlowNode } from "@xyflow/react";

export type StudioNode = FlowNode<{ kind: NodeKind }, "riffle">;
export type StudioEdge = FlowEdge<Record<string, never>, "riffle">;

/** Flow nodes for `doc`, reusing unchanged objects from `prev` (keeps measured size, selection). */
export function toFlowNodes(doc: Topology, prev: StudioNode[]): StudioNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  return doc.nodes.map((n) => {
    const position = doc.layout?.nodes[n.id] ?? { x: 0, y: 0 };
    const was = old.get(n.id);
    if (was && was.data.kind === n.kind && samePoint(was.position, position)) return was;
    return {
      id: n.id,
      type: "riffle",
      position,
      data: { kind: n.kind },
      selected: was?.selected,
      measured: was?.measured,
    };
  });
}

export function toFlowEdges(doc: Topology, prev: StudioEdge[]): StudioEdge[] {
  const old = new Map(prev.map((e) => [e.id, e]));
  return doc.edges.map(
    (e) =>
      old.get(e.id) ?? {
        id: e.id,
        type: "riffle",
        source: e.from.node,
        sourceHandle: e.from.port,
        target: e.to.node,
        targetHandle: e.to.port,
      },
  );
}

function samePoint(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x === b.x && a.y === b.y;
}
