// The document as a graph codegen can walk: nodes in topological order, and for each node
// its inputs by port and its consumers by output port.
import type { Edge, NodeConfig, NodeKind, Topology } from "@riffle/topology";

// @riffle/topology's `Node` does not narrow on `kind` (its union is built from a mapped
// array), so codegen spells the discriminated union out.
export type NodeOf<K extends NodeKind> = K extends NodeKind
  ? { id: string; kind: K; label?: string; config: NodeConfig<K> }
  : never;
export type Node = NodeOf<NodeKind>;

/** The join node kinds: two inputs, `left` and `right`. */
export type JoinKind =
  | "stream-stream-join"
  | "stream-table-join"
  | "table-table-join"
  | "foreign-key-join"
  | "stream-global-join";

export interface PortRef {
  node: Node;
  port: string;
}

export class TopologyGraph {
  readonly ordered: Node[];
  private readonly byId = new Map<string, Node>();
  private readonly incoming = new Map<string, Edge[]>();
  private readonly outgoing = new Map<string, Edge[]>();

  readonly nodes: Node[];

  constructor(readonly topology: Topology) {
    this.nodes = topology.nodes as Node[];
    for (const node of this.nodes) this.byId.set(node.id, node);
    for (const edge of topology.edges) {
      if (!this.byId.has(edge.from.node) || !this.byId.has(edge.to.node)) continue;
      push(this.incoming, edge.to.node, edge);
      push(this.outgoing, edge.from.node, edge);
    }
    this.ordered = this.topologicalOrder();
  }

  node(id: string): Node {
    const node = this.byId.get(id);
    if (!node) throw new Error(`unknown node '${id}'`);
    return node;
  }

  /** Upstream ends of the edges entering `node` on `port` (all ports when omitted). */
  inputs(node: Node, port?: string): PortRef[] {
    return (this.incoming.get(node.id) ?? [])
      .filter((e) => port === undefined || e.to.port === port)
      .map((e) => ({ node: this.node(e.from.node), port: e.from.port }));
  }

  /** The single upstream end of `port`; codegen runs on validated documents, so it exists. */
  input(node: Node, port = "in"): PortRef {
    const [first] = this.inputs(node, port);
    if (!first) throw new Error(`node '${node.id}' has no input on port '${port}'`);
    return first;
  }

  /** Downstream nodes reading `node`'s output `port` (all ports when omitted). */
  consumers(node: Node, port?: string): { node: Node; port: string }[] {
    return (this.outgoing.get(node.id) ?? [])
      .filter((e) => port === undefined || e.from.port === port)
      .map((e) => ({ node: this.node(e.to.node), port: e.to.port }));
  }

  /** Output ports of `node` that some edge reads, in first-use order. */
  usedPorts(node: Node): string[] {
    return [...new Set((this.outgoing.get(node.id) ?? []).map((e) => e.from.port))];
  }

  // Kahn's algorithm, taking ready nodes in document order so output is stable.
  private topologicalOrder(): Node[] {
    const pending = new Map<string, number>();
    for (const node of this.nodes) {
      pending.set(node.id, (this.incoming.get(node.id) ?? []).length);
    }
    const done: Node[] = [];
    const ready = this.nodes.filter((n) => pending.get(n.id) === 0);
    while (ready.length > 0) {
      const node = ready.shift()!;
      done.push(node);
      for (const edge of this.outgoing.get(node.id) ?? []) {
        const left = pending.get(edge.to.node)! - 1;
        pending.set(edge.to.node, left);
        if (left === 0) insertInDocumentOrder(ready, this.node(edge.to.node), this.nodes);
      }
    }
    if (done.length !== this.nodes.length) throw new Error("the topology has a cycle");
    return done;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function insertInDocumentOrder(ready: Node[], node: Node, all: Node[]): void {
  const rank = (n: Node) => all.indexOf(n);
  const at = ready.findIndex((n) => rank(n) > rank(node));
  if (at < 0) ready.push(node);
  else ready.splice(at, 0, node);
}
