// Walks the graph in topological order: checks ports and their kinds, infers repartition
// topics, and runs each kind's schema rule so every edge carries a typed flow.
import type { Analysis, NodeAnalysis, RepartitionTopic } from "./analysis";
import type { Edge, Node, Topic, Topology } from "./document";
import { type Finding, finding } from "./findings";
import { insertOnEdge } from "./fixes";
import type { Graph } from "./graph";
import { type InputPort, KINDS, type PortKind } from "./kinds";
import { keyChangedAfter, repartitionBefore } from "./repartition";
import { type Flow, RuleContext, type TopicRef } from "./rule-context";
import { RULES } from "./rules/by-kind";

interface State {
  doc: Topology;
  graph: Graph;
  topics: Map<string, Topic>;
  detached: Map<string, Edge[]>;
  findings: Finding[];
  analysis: Analysis;
}

export function analyze(
  doc: Topology,
  graph: Graph,
  detachedEdges: readonly Edge[],
  findings: Finding[],
): Analysis {
  const detached = new Map<string, Edge[]>();
  for (const e of detachedEdges) detached.set(e.to.node, [...(detached.get(e.to.node) ?? []), e]);
  const state: State = {
    doc,
    graph,
    topics: new Map(doc.topics.map((t) => [t.name, t])),
    detached,
    findings,
    analysis: { order: [], nodes: {}, edges: {}, repartitions: [], subTopologies: [] },
  };
  for (const node of graph.order) analyzeNode(node, state);
  return state.analysis;
}

function analyzeNode(node: Node, s: State): void {
  const desc = KINDS[node.kind] as (typeof KINDS)["filter"];
  const config = node.config as never;
  const ports = desc.inputs(config);
  const { flows, complete } = collectInputs(node, ports, s);
  const inputs = repartitionInputs(node, flows, s);
  const ctx = new RuleContext(node as never, inputs, s.topics, s.findings);
  const schemas = (RULES[node.kind] as (c: RuleContext) => Record<string, unknown>)(ctx);
  const inKinds: Record<string, PortKind> = {};
  for (const [p, f] of Object.entries(inputs)) if (f[0]) inKinds[p] = f[0].kind;
  const all: Flow[] = [];
  for (const list of Object.values(inputs)) all.push(...list);
  const topics = topicsAfter(node, all, s);
  const outputs: Record<string, Flow> = {};
  const keyChanged = keyChangedAfter(node.kind, all);
  for (const [port, kind] of Object.entries(desc.outputs(config, inKinds))) {
    outputs[port] = {
      kind,
      schema: complete ? (schemas[port] as Flow["schema"]) : undefined,
      keyChanged,
      topics,
    };
  }
  for (const e of s.graph.outgoing.get(node.id) ?? []) {
    const flow = outputs[e.from.port];
    if (flow) s.analysis.edges[e.id] = flow;
    else {
      const known = Object.keys(outputs).join(", ") || "none";
      s.findings.push(
        finding(
          "RF103",
          `Node '${node.id}' has no output port '${e.from.port}' (ports: ${known}).`,
          {
            nodeId: node.id,
            edgeId: e.id,
          },
        ),
      );
    }
  }
  const na: NodeAnalysis = { inputs, outputs, scopes: ctx.scopes, processors: [], stores: [] };
  s.analysis.nodes[node.id] = na;
  s.analysis.order.push(node.id);
}

/** Flows per port; `complete` is false when a port is missing, mistyped or fed by a broken node. */
function collectInputs(node: Node, ports: InputPort[], s: State) {
  const flows: Record<string, Flow[]> = {};
  const counts: Record<string, number> = {};
  let complete = true;
  const names = new Set(ports.map((p) => p.name));
  const incoming = s.graph.incoming.get(node.id) ?? [];
  const detached = s.detached.get(node.id);
  for (const e of detached ? [...incoming, ...detached] : incoming) {
    if (!names.has(e.to.port)) {
      const known = [...names].join(", ") || "none";
      s.findings.push(
        finding("RF102", `Node '${node.id}' has no input port '${e.to.port}' (ports: ${known}).`, {
          nodeId: node.id,
          edgeId: e.id,
        }),
      );
      continue;
    }
    counts[e.to.port] = (counts[e.to.port] ?? 0) + 1;
    const flow = s.analysis.edges[e.id];
    const port = ports.find((p) => p.name === e.to.port)!;
    if (flow && !port.accepts.includes(flow.kind)) {
      s.findings.push(kindMismatch(node, port, flow.kind, e, s.doc));
      complete = false;
    }
    if (!flow) complete = false;
    else if (flows[e.to.port]) flows[e.to.port].push(flow);
    else flows[e.to.port] = [flow];
  }
  for (const port of ports) {
    const n = counts[port.name] ?? 0;
    if (n === 0) {
      s.findings.push(
        finding("RF105", `Input '${port.name}' of node '${node.id}' is not connected.`, {
          nodeId: node.id,
          field: `inputs.${port.name}`,
        }),
      );
      complete = false;
    } else if (n > 1 && !port.multiple) {
      s.findings.push(
        finding(
          "RF106",
          `Input '${port.name}' of node '${node.id}' has ${n} edges; use a merge node.`,
          {
            nodeId: node.id,
            field: `inputs.${port.name}`,
          },
        ),
      );
    }
  }
  return { flows, complete };
}

/** The conversion Kafka Streams offers from what arrives to what the port takes. */
const CONVERSIONS: {
  from: PortKind;
  to: PortKind;
  kind: "to-stream" | "to-table" | "group-by-key";
}[] = [
  { from: "table", to: "stream", kind: "to-stream" },
  { from: "stream", to: "table", kind: "to-table" },
  { from: "stream", to: "grouped-stream", kind: "group-by-key" },
];

function kindMismatch(
  node: Node,
  port: InputPort,
  got: PortKind,
  edge: Edge,
  doc: Topology,
): Finding {
  const conversion = CONVERSIONS.find((c) => c.from === got && port.accepts.includes(c.to));
  const fix = conversion && {
    title: `Insert ${conversion.kind} before '${node.id}'`,
    edits: insertOnEdge(
      doc,
      edge,
      { kind: conversion.kind, config: {} } as Omit<Node, "id">,
      conversion.kind,
    ),
  };
  const where = { nodeId: node.id, edgeId: edge.id, field: `inputs.${port.name}`, fix };
  if (node.kind === "windowed-by") {
    return finding(
      "RF401",
      `windowed-by '${node.id}' needs a grouped stream, got a ${got}; add group-by-key first.`,
      where,
    );
  }
  const wanted = port.accepts.join(" or ");
  return finding(
    "RF104",
    `Input '${port.name}' of ${node.kind} '${node.id}' takes a ${wanted}, got a ${got}.`,
    where,
  );
}

/** Replaces flows that Kafka Streams would send through a repartition topic first. */
function repartitionInputs(
  node: Node,
  flows: Record<string, Flow[]>,
  s: State,
): Record<string, Flow[]> {
  const out: Record<string, Flow[]> = {};
  for (const [port, list] of Object.entries(flows)) {
    out[port] = list.map((flow) => {
      const reason = repartitionBefore(node.kind, flow);
      if (!reason) return flow;
      const ref = addRepartition(s, { nodeId: node.id, port, reason, writtenFrom: flow.topics });
      s.findings.push(
        finding("RF503", `Repartition inferred before '${node.id}' (${reason}).`, {
          nodeId: node.id,
          field: `inputs.${port}`,
        }),
      );
      return { ...flow, keyChanged: false, topics: [ref] };
    });
  }
  return out;
}

function addRepartition(s: State, r: Omit<RepartitionTopic, "name">): TopicRef {
  s.analysis.repartitions.push({ name: "", ...r });
  return { repartition: s.analysis.repartitions.length - 1 };
}

/** Source topics of a node's output within its sub-topology. */
function topicsAfter(node: Node, inputs: readonly Flow[], s: State): TopicRef[] {
  switch (node.kind) {
    case "stream-source":
    case "table-source":
      return [{ external: node.config.topic }];
    case "global-table-source":
      return [];
    case "repartition":
      return [
        addRepartition(s, {
          nodeId: node.id,
          port: "in",
          reason: "explicit",
          partitions: node.config.partitions,
          writtenFrom: inputs[0]?.topics ?? [],
        }),
      ];
    default: {
      if (inputs.length === 1) return inputs[0].topics;
      const seen = new Map<string | number, TopicRef>();
      for (const f of inputs)
        for (const ref of f.topics)
          seen.set("external" in ref ? ref.external : ref.repartition, ref);
      return [...seen.values()];
    }
  }
}
