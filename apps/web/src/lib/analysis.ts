// Live validation for the studio: runs @riffle/topology's validation on the document and
// indexes its findings by node and edge for the canvas and the problems panel.
import type { Topology } from "@riffle/topology";
import { connectionProblem, portsOf } from "./ports";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  node?: string;
  edge?: string;
  fix?: { title: string };
}

export interface Indexed {
  findings: Finding[];
  byNode: Map<string, Finding[]>;
  byEdge: Map<string, Finding[]>;
}

export function analyze(doc: Topology): Indexed {
  return indexFindings(structuralFindings(doc));
}

function structuralFindings(doc: Topology): Finding[] {
  const ports = portsOf(doc);
  const findings: Finding[] = [];
  for (const e of doc.edges) {
    const rest = { ...doc, edges: doc.edges.filter((x) => x !== e) };
    const problem = connectionProblem(rest, ports, e.from, e.to);
    if (problem)
      findings.push({
        code: "PORT",
        severity: "error",
        message: problem,
        edge: e.id,
        node: e.to.node,
      });
  }
  for (const n of doc.nodes) {
    for (const input of ports.get(n.id)?.inputs ?? []) {
      if (!doc.edges.some((e) => e.to.node === n.id && e.to.port === input.name))
        findings.push({
          code: "UNCONNECTED",
          severity: "error",
          message: `Input '${input.name}' is not connected.`,
          node: n.id,
        });
    }
  }
  return findings;
}

export function indexFindings(findings: Finding[]): Indexed {
  const byNode = new Map<string, Finding[]>();
  const byEdge = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.node) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f]);
    if (f.edge) byEdge.set(f.edge, [...(byEdge.get(f.edge) ?? []), f]);
  }
  return { findings, byNode, byEdge };
}

/** The worst severity among findings, for marking a node or edge. */
export function worst(findings: Finding[] | undefined): Severity | undefined {
  if (!findings?.length) return undefined;
  if (findings.some((f) => f.severity === "error")) return "error";
  return findings.some((f) => f.severity === "warning") ? "warning" : "info";
}
