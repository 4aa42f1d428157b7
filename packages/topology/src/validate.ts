// validate(): parse, then check the graph (cycles, ports, kinds), schemas and expressions,
// repartitions and co-partitioning, and usage. Pure and fast enough for every edit.
import { type Analysis, emptyAnalysis } from "./analysis";
import { analyze } from "./analyze";
import { checkCopartitioning } from "./copartition";
import type { Topology } from "./document";
import { type Finding, finding } from "./findings";
import { buildGraph, type Graph } from "./graph";
import { parseDocument } from "./parse";
import { nameProcessors, type ProcessorGraph } from "./processor-graph";
import { sqlType } from "./row-schema";

export interface ValidationResult {
  /** The parsed document (nodes with invalid configs left out); absent if unreadable. */
  document?: Topology;
  findings: Finding[];
  analysis: Analysis;
}

/**
 * Validates a topology document given as JSON text or a parsed value. Never throws.
 * @example const { findings, analysis } = validate(readFileSync("topology.json", "utf8"))
 */
export function validate(input: unknown): ValidationResult {
  return validateWithProcessors(input).result;
}

/** validate() plus the Kafka Streams processor graph it built (describe() prints it). */
export function validateWithProcessors(input: unknown): {
  result: ValidationResult;
  processors?: ProcessorGraph;
} {
  const parsed = parseDocument(input);
  const findings = parsed.findings;
  const doc = parsed.document;
  if (!doc) return { result: { findings, analysis: emptyAnalysis() } };
  checkColumnTypes(doc, findings);
  const graph = buildGraph(doc);
  reportCycle(graph, findings);
  const analysis = analyze(doc, graph, parsed.detachedEdges, findings);
  const processors = nameProcessors(graph, analysis);
  checkCopartitioning(doc, graph, analysis, findings);
  checkUsage(doc, graph, findings);
  return { result: { document: doc, findings, analysis }, processors };
}

function checkColumnTypes(doc: Topology, findings: Finding[]): void {
  doc.topics.forEach((t, i) => {
    for (const part of ["key", "value"] as const) {
      t[part].forEach((c, j) => {
        if (!sqlType(c.type)) {
          findings.push(
            finding(
              "RF011",
              `Topic '${t.name}': column '${c.name}' has unknown type '${c.type}'.`,
              {
                field: `topics[${i}].${part}[${j}].type`,
              },
            ),
          );
        }
      });
    }
  });
}

function reportCycle(graph: Graph, findings: Finding[]): void {
  if (graph.cyclic.length === 0) return;
  const ids = graph.cyclic.map((id) => `'${id}'`).join(", ");
  findings.push(
    finding("RF101", `The graph has a cycle through or behind nodes ${ids}.`, {
      nodeId: graph.cyclic[0],
    }),
  );
}

function checkUsage(doc: Topology, graph: Graph, findings: Finding[]): void {
  for (const node of doc.nodes) {
    if (node.kind !== "sink" && (graph.outgoing.get(node.id)?.length ?? 0) === 0) {
      findings.push(
        finding("RF107", `The output of '${node.id}' goes nowhere.`, { nodeId: node.id }),
      );
    }
  }
  if (doc.nodes.length > 0 && !doc.nodes.some((n) => n.kind === "sink")) {
    findings.push(finding("RF108", "The topology has no sink: it writes to no topic."));
  }
}
