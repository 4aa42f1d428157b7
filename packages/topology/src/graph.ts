// Graph view of a document: nodes by id, edges by node and port, a topological order
// (ties broken by document order, the order a DSL program would build them) and cycles.
import type { Edge, Node, Topology } from "./document";

export interface Graph {
  nodes: Map<string, Node>;
  /** Edges entering each node, in document order. */
  incoming: Map<string, Edge[]>;
  /** Edges leaving each node, in document order. */
  outgoing: Map<string, Edge[]>;
  /** Acyclic nodes in topological order. */
  order: Node[];
  /** Nodes on or behind a cycle (left out of `order`). */
  cyclic: string[];
}

export function buildGraph(doc: Topology): Graph {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, Edge[]>(doc.nodes.map((n) => [n.id, []]));
  const outgoing = new Map<string, Edge[]>(doc.nodes.map((n) => [n.id, []]));
  for (const e of doc.edges) {
    incoming.get(e.to.node)?.push(e);
    outgoing.get(e.from.node)?.push(e);
  }
  const { order, cyclic } = topologicalOrder(doc.nodes, incoming, outgoing);
  return { nodes, incoming, outgoing, order, cyclic };
}

function topologicalOrder(
  nodes: Node[],
  incoming: Map<string, Edge[]>,
  outgoing: Map<string, Edge[]>,
): { order: Node[]; cyclic: string[] } {
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const pending = new Map(nodes.map((n) => [n.id, incoming.get(n.id)?.length ?? 0]));
  // A small binary heap keyed by document position keeps the order stable and O(n log n).
  const heap: number[] = [];
  const push = (i: number) => {
    heap.push(i);
    let c = heap.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (heap[p] <= heap[c]) break;
      [heap[p], heap[c]] = [heap[c], heap[p]];
      c = p;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && heap[l] < heap[m]) m = l;
        if (r < heap.length && heap[r] < heap[m]) m = r;
        if (m === p) break;
        [heap[p], heap[m]] = [heap[m], heap[p]];
        p = m;
      }
    }
    return top;
  };
  nodes.forEach((n, i) => {
    if (pending.get(n.id) === 0) push(i);
  });
  const order: Node[] = [];
  while (heap.length > 0) {
    const node = nodes[pop()];
    order.push(node);
    for (const e of outgoing.get(node.id) ?? []) {
      const left = pending.get(e.to.node)! - 1;
      pending.set(e.to.node, left);
      if (left === 0) push(position.get(e.to.node)!);
    }
  }
  const cyclic = nodes.filter((n) => pending.get(n.id)! > 0).map((n) => n.id);
  return { order, cyclic };
}
