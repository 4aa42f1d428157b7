// Port kinds flowing through the graph (stream, table, grouped, windowed, global), derived
// from kinds.ts, and the reason a connection would be refused.
import { type InputPort, KINDS, type PortKind, type Topology } from "@riffle/topology";
import type { Endpoint } from "./doc-edit";

export interface NodePorts {
  inputs: InputPort[];
  outputs: Record<string, PortKind>;
}

type Describe = {
  inputs: (c: unknown) => InputPort[];
  outputs: (c: unknown, i: Record<string, PortKind>) => Record<string, PortKind>;
};

function describeKind(kind: string): Describe | undefined {
  return (KINDS as unknown as Record<string, Describe>)[kind];
}

/** Ports of every node, visiting nodes after their inputs so output kinds can follow inputs. */
export function portsOf(doc: Topology): Map<string, NodePorts> {
  const incoming = new Map<string, { port: string; from: Endpoint }[]>();
  for (const e of doc.edges) {
    const list = incoming.get(e.to.node) ?? [];
    list.push({ port: e.to.port, from: e.from });
    incoming.set(e.to.node, list);
  }
  const result = new Map<string, NodePorts>();
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const visiting = new Set<string>();
  const visit = (id: string): NodePorts | undefined => {
    const done = result.get(id);
    if (done || visiting.has(id)) return done;
    const node = byId.get(id);
    const d = node && describeKind(node.kind);
    if (!node || !d) return undefined;
    visiting.add(id);
    const arriving: Record<string, PortKind> = {};
    for (const { port, from } of incoming.get(id) ?? []) {
      const kind = visit(from.node)?.outputs[from.port];
      if (kind && !arriving[port]) arriving[port] = kind;
    }
    visiting.delete(id);
    const ports = safePorts(d, node.config, arriving);
    result.set(id, ports);
    return ports;
  };
  for (const n of doc.nodes) visit(n.id);
  return result;
}

function safePorts(d: Describe, config: unknown, arriving: Record<string, PortKind>): NodePorts {
  try {
    return { inputs: d.inputs(config), outputs: d.outputs(config, arriving) };
  } catch {
    // A half-edited config (say, no branches yet) still gets a node on the canvas.
    return { inputs: [], outputs: {} };
  }
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

/** Why `from` may not feed `to`, or null when the connection is fine. */
export function connectionProblem(
  doc: Topology,
  ports: Map<string, NodePorts>,
  from: Endpoint,
  to: Endpoint,
): string | null {
  if (from.node === to.node) return "A node cannot feed itself.";
  const produced = ports.get(from.node)?.outputs[from.port];
  const input = ports.get(to.node)?.inputs.find((p) => p.name === to.port);
  const target = doc.nodes.find((n) => n.id === to.node);
  if (!produced || !input || !target) return "Unknown port.";
  const title = KINDS[target.kind]?.title ?? target.kind;
  if (!input.accepts.includes(produced)) {
    return `${title} takes ${input.accepts.join(" or ")} on '${input.name}', not ${article(produced)}.`;
  }
  const taken = doc.edges.some((e) => e.to.node === to.node && e.to.port === to.port);
  if (taken && !input.multiple) return `'${input.name}' of ${title} is already connected.`;
  if (reaches(doc, to.node, from.node)) return "That would make a cycle.";
  return null;
}

function reaches(doc: Topology, start: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === goal) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of doc.edges) if (e.from.node === id) stack.push(e.to.node);
  }
  return false;
}
