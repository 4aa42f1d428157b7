// What every printer reads: the validated topology, its graph, and from validation's
// analysis the row schema and port kind of each node output and the scope each
// expression was typed against.
import type { Scope } from "@riffle/expr";
import {
  type PortKind,
  type RowSchema,
  type Topology,
  type ValidationResult,
  validate,
} from "@riffle/topology";
import type { Finding } from "./finding";
import { type Node, TopologyGraph } from "./graph";

export interface CodegenModel {
  topology: Topology;
  graph: TopologyGraph;
  schemaOf(node: Node, port?: string): RowSchema;
  portKind(node: Node, port?: string): PortKind;
  /** The key was changed upstream (map, flat-map, select-key) and no repartition followed. */
  keyChanged(node: Node, port?: string): boolean;
  /** Scope of the expressions in config field `field` (`predicate`, `columns`, ...). */
  scopeOf(node: Node, field: string): Scope | undefined;
}

const EMPTY: RowSchema = { key: [], value: [], valueUnwrapped: false };

/**
 * Validates `input` (a topology document as JSON text or value) and builds the model the
 * printers read. A document with validation errors gets no model: code would be wrong.
 */
export function prepare(
  input: unknown,
  validated?: ValidationResult,
): { model?: CodegenModel; findings: Finding[] } {
  const { document, findings, analysis } = validated ?? validate(input);
  const errors = findings.filter((f) => f.severity === "error");
  if (!document || errors.length > 0) {
    const listed = errors
      .slice(0, 3)
      .map((f) => `${f.code}${f.nodeId ? ` at ${f.nodeId}` : ""}: ${f.message}`);
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
    const message = `the document does not validate, so no code is generated: ${listed.join("; ")}${more}`;
    return { findings: [{ code: "invalid-document", severity: "error", message }] };
  }
  const flow = (node: Node, port = "out") => analysis.nodes[node.id]?.outputs[port];
  const model: CodegenModel = {
    topology: document,
    graph: new TopologyGraph(document),
    schemaOf: (node, port) =>
      flow(node, port ?? firstPort(analysis.nodes[node.id]?.outputs))?.schema ?? EMPTY,
    portKind: (node, port) =>
      flow(node, port ?? firstPort(analysis.nodes[node.id]?.outputs))?.kind ?? "stream",
    keyChanged: (node, port) => flow(node, port ?? "out")?.keyChanged ?? false,
    scopeOf: (node, field) => analysis.nodes[node.id]?.scopes[field],
  };
  return { model, findings: [] };
}

// Every port of a node carries the same schema (branch ports); sinks have none.
function firstPort(outputs: Record<string, unknown> | undefined): string {
  return Object.keys(outputs ?? {})[0] ?? "out";
}
