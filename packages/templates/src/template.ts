// What a template is, and the two small helpers that keep template documents readable:
// edges written as chains, and ids that double as labels.
import { type Edge, FORMAT_VERSION, type Node, type Topic, type Topology } from "@riffle/topology";
import type { SampleName } from "./sample-topics";

export interface Template {
  /** Stable slug, used by `riffle templates show NAME` and the studio's gallery. */
  name: string;
  title: string;
  /** The use case in a sentence or two. */
  description: string;
  /** Sample generators that feed it on the embedded runtime. */
  samples: SampleName[];
  document: Topology;
}

/** Edges along a path of node ids; `node:port` picks an output port, `>port` an input port. */
export function chain(...path: string[]): Edge[] {
  const edges: Edge[] = [];
  for (let i = 1; i < path.length; i++) {
    const [fromNode, fromPort = "out"] = path[i - 1].split(">")[0].split(":");
    const [toNode, toPort = "in"] = path[i].split(":")[0].split(">");
    edges.push({
      id: `${fromNode}-${toNode}`,
      from: { node: fromNode, port: fromPort },
      to: { node: toNode, port: toPort },
    });
  }
  return edges;
}

export function topologyOf(
  name: string,
  description: string,
  topics: Topic[],
  nodes: Node[],
  edges: Edge[],
): Topology {
  return { format: FORMAT_VERSION, name, applicationId: name, description, topics, nodes, edges };
}
