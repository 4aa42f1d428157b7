// compileTopology: a topology document onto the DSL, node by node in topological order, then
// built into a runtime Topology. The one compiler used by `riffle run`, tests and the worker.
import { hasErrors, type Node, validate } from "@riffle/topology";
import { StreamsBuilder } from "../kstream/streams-builder";
import type { Topology } from "../processor/topology";
import { compileNode } from "./compile-dispatch";
import { CompileError } from "./compile-error";
import type { Flowing, NodeContext } from "./node-context";

export interface CompiledTopology {
  topology: Topology;
  builder: StreamsBuilder;
  applicationId: string;
}

export interface CompileOptions {
  /** Overrides the document's applicationId (default: the document's, else its name). */
  applicationId?: string;
}

/**
 * Validates and compiles a topology document (JSON text or parsed value).
 * @example const { topology } = compileTopology(JSON.parse(readFileSync("t.json", "utf8")))
 */
export function compileTopology(doc: unknown, options: CompileOptions = {}): CompiledTopology {
  const { document, findings, analysis } = validate(doc);
  if (!document || hasErrors(findings)) {
    const errors = findings.filter((f) => f.severity === "error");
    const text = errors
      .map((f) => `${f.nodeId ? `node '${f.nodeId}': ` : ""}${f.message}`)
      .join("; ");
    throw new CompileError(`invalid topology: ${text || "unreadable document"}`, findings);
  }
  const builder = new StreamsBuilder();
  const nodes = new Map<string, Node>(document.nodes.map((n) => [n.id, n]));
  const topics = new Map(document.topics.map((t) => [t.name, t]));
  const outputs = new Map<string, Flowing>();
  for (const id of analysis.order) {
    const node = nodes.get(id)!;
    const inputs: Record<string, Flowing[]> = {};
    for (const e of document.edges.filter((edge) => edge.to.node === id)) {
      const flow = outputs.get(`${e.from.node}\u0000${e.from.port}`);
      if (!flow) continue;
      inputs[e.to.port] = [...(inputs[e.to.port] ?? []), flow];
    }
    const ctx: NodeContext = { node, builder, analysis: analysis.nodes[id], inputs, topics };
    for (const [port, flow] of Object.entries(compileNode(ctx))) {
      outputs.set(`${id}\u0000${port}`, flow);
    }
  }
  const applicationId =
    options.applicationId ??
    document.applicationId ??
    document.name.replace(/[^A-Za-z0-9._-]/g, "-");
  const topicPartitions = Object.fromEntries(document.topics.map((t) => [t.name, t.partitions]));
  return { topology: builder.build({ applicationId, topicPartitions }), builder, applicationId };
}
