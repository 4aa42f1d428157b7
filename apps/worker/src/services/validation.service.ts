// Checks a topology document for the API: structure through the document's zod schemas, node
// configs per kind, and edges naming existing nodes. Findings carry node and edge ids so the
// designer can mark the offending element. @riffle/topology's validate() replaces this when it lands.
import { Edge, Node, type Topology, TopologyDocument } from "@riffle/topology";
import type { z } from "zod";
import type { Finding } from "../errors";

export interface ValidationResult {
  document?: Topology;
  findings: Finding[];
}

export function validateDocument(input: unknown): ValidationResult {
  const top = TopologyDocument.safeParse(input);
  if (!top.success) {
    return { findings: issuesToFindings(top.error.issues, "document") };
  }
  const findings: Finding[] = [];
  const nodes: Node[] = [];
  top.data.nodes.forEach((raw, i) => {
    const parsed = Node.safeParse(raw);
    const nodeId = idOf(raw) ?? `#${i}`;
    if (parsed.success) nodes.push(parsed.data);
    else findings.push(...issuesToFindings(parsed.error.issues, "node", { nodeId }));
  });
  const ids = new Set(nodes.map((n) => n.id));
  const edges: Edge[] = [];
  top.data.edges.forEach((raw, i) => {
    const parsed = Edge.safeParse(raw);
    const edgeId = idOf(raw) ?? `#${i}`;
    if (!parsed.success) {
      findings.push(...issuesToFindings(parsed.error.issues, "edge", { edgeId }));
      return;
    }
    edges.push(parsed.data);
    for (const end of [parsed.data.from.node, parsed.data.to.node]) {
      if (!ids.has(end)) {
        findings.push({
          code: "edge.unknown-node",
          severity: "error",
          edgeId,
          message: `edge '${edgeId}' refers to node '${end}', which does not exist`,
        });
      }
    }
  });
  if (findings.some((f) => f.severity === "error")) return { findings };
  return { document: { ...top.data, nodes, edges }, findings };
}

function issuesToFindings(
  issues: z.core.$ZodIssue[],
  scope: string,
  where: { nodeId?: string; edgeId?: string } = {},
): Finding[] {
  return issues.map((issue) => ({
    code: `${scope}.invalid`,
    severity: "error" as const,
    ...where,
    message: `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`,
  }));
}

function idOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : undefined;
}
