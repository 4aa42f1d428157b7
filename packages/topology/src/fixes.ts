// Fixes as document edits, and applying them. A fix never mutates: it returns a new document.
import type { Edge, Node, Topology } from "./document";
import type { Edit, Fix } from "./findings";

/** Edits that put `node` on `edge`: from -> node -> to. Ids are kept unique in `doc`. */
export function insertOnEdge(
  doc: Topology,
  edge: Edge,
  node: Omit<Node, "id">,
  idBase: string,
): Edit[] {
  const id = uniqueId(
    doc.nodes.map((n) => n.id),
    idBase,
  );
  const edgeIds = doc.edges.map((e) => e.id);
  const inId = uniqueId(edgeIds, `${edge.id}-in`);
  const outId = uniqueId([...edgeIds, inId], `${edge.id}-out`);
  return [
    { op: "add-node", node: { ...node, id } as Node },
    { op: "remove-edge", edgeId: edge.id },
    { op: "add-edge", edge: { id: inId, from: edge.from, to: { node: id, port: "in" } } },
    { op: "add-edge", edge: { id: outId, from: { node: id, port: "out" }, to: edge.to } },
  ];
}

function uniqueId(taken: readonly string[], base: string): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  let i = 2;
  while (set.has(`${base}-${i}`)) i++;
  return `${base}-${i}`;
}

/**
 * Applies a fix's edits to a document and returns the new document.
 * @example const fixed = applyFix(doc, result.findings[0].fix!)
 */
export function applyFix<T extends Pick<Topology, "nodes" | "edges">>(doc: T, fix: Fix): T {
  let nodes = [...doc.nodes];
  let edges = [...doc.edges];
  for (const edit of fix.edits) {
    switch (edit.op) {
      case "add-node":
        nodes.push(edit.node);
        break;
      case "remove-edge":
        edges = edges.filter((e) => e.id !== edit.edgeId);
        break;
      case "add-edge":
        edges.push(edit.edge);
        break;
      case "set-config":
        nodes = nodes.map((n) =>
          n.id === edit.nodeId
            ? ({ ...n, config: setIn(n.config, edit.path, edit.value) } as Node)
            : n,
        );
        break;
    }
  }
  return { ...doc, nodes, edges };
}

function setIn(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(target) ? [...target] : { ...(target as object) };
  copy[head] = setIn(copy[head], rest, value);
  return copy;
}
