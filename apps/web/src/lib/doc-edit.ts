// Pure edits of the topology document. Every canvas, inspector and keyboard action goes
// through these, so undo/redo is just keeping old documents.
import {
  type Edge,
  FORMAT_VERSION,
  type Node,
  type NodeKind,
  type Topic,
  type Topology,
} from "@riffle/topology";
import { defaultConfig } from "./config-schema";

export interface XY {
  x: number;
  y: number;
}

export interface Endpoint {
  node: string;
  port: string;
}

export function emptyDocument(name: string): Topology {
  return { format: FORMAT_VERSION, name, topics: [], nodes: [], edges: [], layout: { nodes: {} } };
}

/** A stable id like `filter-3`: ids never change on rename, labels are just data. */
export function freshId(doc: Topology, prefix: string, taken: Set<string> = new Set()): string {
  const used = new Set(doc.nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${prefix}-${i}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

export function edgeId(from: Endpoint, to: Endpoint): string {
  return `${from.node}.${from.port}->${to.node}.${to.port}`;
}

export function addNode(
  doc: Topology,
  kind: NodeKind,
  at: XY,
  config?: Record<string, unknown>,
): { doc: Topology; id: string } {
  const id = freshId(doc, kind);
  const node = { id, kind, config: config ?? defaultConfig(kind) } as Node;
  return { doc: withPositions({ ...doc, nodes: [...doc.nodes, node] }, { [id]: at }), id };
}

export function removeElements(doc: Topology, nodeIds: string[], edgeIds: string[] = []): Topology {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const positions = { ...(doc.layout?.nodes ?? {}) };
  for (const id of nodes) delete positions[id];
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter(
      (e) => !edges.has(e.id) && !nodes.has(e.from.node) && !nodes.has(e.to.node),
    ),
    layout: { nodes: positions },
  };
}

export function connect(doc: Topology, from: Endpoint, to: Endpoint): Topology {
  const id = edgeId(from, to);
  if (doc.edges.some((e) => e.id === id)) return doc;
  const edge: Edge = { id, from, to };
  return { ...doc, edges: [...doc.edges, edge] };
}

export function updateNode(doc: Topology, id: string, patch: Partial<Node>): Topology {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as Node) : n)),
  };
}

export function withPositions(doc: Topology, positions: Record<string, XY>): Topology {
  return { ...doc, layout: { nodes: { ...(doc.layout?.nodes ?? {}), ...positions } } };
}

/** Adds or replaces a declared topic (by name; `previous` renames). */
export function upsertTopic(doc: Topology, topic: Topic, previous = topic.name): Topology {
  const exists = doc.topics.some((t) => t.name === previous);
  return {
    ...doc,
    topics: exists
      ? doc.topics.map((t) => (t.name === previous ? topic : t))
      : [...doc.topics, topic],
  };
}

export function removeTopic(doc: Topology, name: string): Topology {
  return { ...doc, topics: doc.topics.filter((t) => t.name !== name) };
}
