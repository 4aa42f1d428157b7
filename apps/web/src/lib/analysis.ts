// Live validation for the studio: @riffle/topology's validate() — the same code the worker
// runs — on every edit, its findings indexed by node and edge for the canvas and problems panel.
import { type Analysis, type Finding, type Topology, validate } from "@riffle/topology";

export type { Finding } from "@riffle/topology";
export type Severity = Finding["severity"];

export interface Indexed {
  findings: Finding[];
  byNode: Map<string, Finding[]>;
  byEdge: Map<string, Finding[]>;
  /** Schemas, port kinds and the scope of each expression field, per node. */
  analysis: Analysis;
  /** How long validate() took, in milliseconds (shown in the problems panel, read by the bench). */
  ms: number;
}

export function analyze(doc: Topology): Indexed {
  const started = performance.now();
  const { findings, analysis } = validate(doc);
  const ms = performance.now() - started;
  return { ...indexFindings(findings), analysis, ms };
}

function indexFindings(findings: Finding[]): Omit<Indexed, "analysis" | "ms"> {
  const byNode = new Map<string, Finding[]>();
  const byEdge = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.nodeId) byNode.set(f.nodeId, [...(byNode.get(f.nodeId) ?? []), f]);
    if (f.edgeId) byEdge.set(f.edgeId, [...(byEdge.get(f.edgeId) ?? []), f]);
  }
  return { findings, byNode, byEdge };
}

/** The worst severity among findings, for marking a node or edge. */
export function worst(findings: Finding[] | undefined): Severity | undefined {
  if (!findings?.length) return undefined;
  if (findings.some((f) => f.severity === "error")) return "error";
  return findings.some((f) => f.severity === "warning") ? "warning" : "info";
}
