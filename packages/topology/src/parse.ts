// parseDocument: turns untrusted input (text or a JSON value) into a typed Topology plus
// findings. It never throws: every problem becomes a finding with a code and a location.
import { z } from "zod";
import {
  Edge,
  FORMAT_VERSION,
  NODE_KINDS,
  type Node,
  NodeConfigs,
  type NodeKind,
  Topic,
  type Topology,
  TopologyDocument,
} from "./document";
import { type Finding, finding, formatPath } from "./findings";
import { closest } from "./similar";

export interface ParseResult {
  /** Absent when the document's top level is unusable (not JSON, wrong format, no name). */
  document?: Topology;
  findings: Finding[];
  /** Nodes that exist but were left out for an invalid config; edges to them are in `detachedEdges`. */
  invalidNodeIds: string[];
  /** Edges that touch an invalid node: not in the document, but the port counts as connected. */
  detachedEdges: Edge[];
}

const TopLevel = TopologyDocument.extend({ topics: z.array(z.unknown()).default([]) });

/** Parses a topology document. Never throws. */
export function parseDocument(input: unknown): ParseResult {
  const findings: Finding[] = [];
  const empty = (): ParseResult => ({ findings, invalidNodeIds: [], detachedEdges: [] });
  const value = typeof input === "string" ? readJson(input, findings) : input;
  if (value === undefined) return empty();
  if (!isRecord(value)) {
    findings.push(finding("RF002", "The document must be a JSON object."));
    return empty();
  }
  if (value.format !== FORMAT_VERSION) {
    const got = value.format === undefined ? "no format" : `format ${JSON.stringify(value.format)}`;
    findings.push(
      finding("RF003", `Unsupported document: ${got}; expected "${FORMAT_VERSION}".`, {
        field: "format",
      }),
    );
    return empty();
  }
  const top = TopLevel.safeParse(value);
  if (!top.success) {
    for (const issue of top.error.issues) {
      findings.push(
        finding("RF002", `${formatPath(issue.path)}: ${issue.message}`, {
          field: formatPath(issue.path),
        }),
      );
    }
    return empty();
  }
  const topics = parseTopics(top.data.topics, findings);
  const { nodes, invalid } = parseNodes(top.data.nodes, findings);
  const { edges, detached } = parseEdges(top.data.edges, nodes, invalid, findings);
  const { topics: _t, nodes: _n, edges: _e, ...rest } = top.data;
  return {
    document: { ...rest, topics, nodes, edges } as Topology,
    findings,
    invalidNodeIds: [...invalid],
    detachedEdges: detached,
  };
}

function readJson(text: string, findings: Finding[]): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    findings.push(finding("RF001", `Not JSON: ${(e as Error).message}`));
    return undefined;
  }
}

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseTopics(raw: unknown[], findings: Finding[]): Topic[] {
  const seen = new Set<string>();
  const topics: Topic[] = [];
  raw.forEach((t, i) => {
    const r = Topic.safeParse(t);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = formatPath(["topics", i, ...issue.path]);
        findings.push(finding("RF002", `${field}: ${issue.message}`, { field }));
      }
      return;
    }
    if (seen.has(r.data.name)) {
      findings.push(
        finding("RF010", `Topic '${r.data.name}' is declared twice.`, { field: `topics[${i}]` }),
      );
      return;
    }
    seen.add(r.data.name);
    topics.push(r.data);
  });
  return topics;
}

function parseNodes(raw: unknown[], findings: Finding[]): { nodes: Node[]; invalid: Set<string> } {
  const nodes: Node[] = [];
  const ids = new Set<string>();
  const invalid = new Set<string>();
  raw.forEach((n, i) => {
    if (!isRecord(n) || !nonEmpty(n.id) || !nonEmpty(n.kind)) {
      findings.push(
        finding("RF009", `nodes[${i}] needs a string \`id\` and \`kind\`.`, {
          field: `nodes[${i}]`,
        }),
      );
      return;
    }
    const { id, kind } = n;
    if (ids.has(id)) {
      findings.push(finding("RF006", `Duplicate node id '${id}'.`, { nodeId: id }));
      return;
    }
    ids.add(id);
    if (!(NODE_KINDS as string[]).includes(kind)) {
      const hint = closest(kind, NODE_KINDS);
      const suggestion = hint ? ` — did you mean '${hint}'?` : "";
      findings.push(
        finding("RF004", `Unknown node kind '${kind}'${suggestion}`, { nodeId: id, field: "kind" }),
      );
      invalid.add(id);
      return;
    }
    const config = NodeConfigs[kind as NodeKind].safeParse(n.config ?? {});
    if (!config.success) {
      findings.push(...configFindings(id, kind as NodeKind, config.error.issues));
      invalid.add(id);
      return;
    }
    const node = { ...(n as object), config: config.data } as Node;
    nodes.push(node);
  });
  return { nodes, invalid };
}

function configFindings(id: string, kind: NodeKind, issues: z.core.$ZodIssue[]): Finding[] {
  const windowFields = new Set(["beforeMs", "afterMs"]);
  const missingWindow =
    kind === "stream-stream-join" &&
    issues.some((i) => windowFields.has(String(i.path[0])) && i.code === "invalid_type");
  const out: Finding[] = [];
  if (missingWindow) {
    out.push(
      finding(
        "RF403",
        `Stream-stream join '${id}' needs a join window: set beforeMs and afterMs.`,
        {
          nodeId: id,
          field: "config.beforeMs",
        },
      ),
    );
  }
  for (const issue of issues) {
    if (missingWindow && windowFields.has(String(issue.path[0]))) continue;
    const field = formatPath(["config", ...issue.path]);
    out.push(finding("RF005", `${field}: ${issue.message}`, { nodeId: id, field }));
  }
  return out;
}

function parseEdges(
  raw: unknown[],
  nodes: Node[],
  invalid: Set<string>,
  findings: Finding[],
): { edges: Edge[]; detached: Edge[] } {
  const nodeIds = new Set(nodes.map((n) => n.id));
  const ids = new Set<string>();
  const edges: Edge[] = [];
  const detached: Edge[] = [];
  raw.forEach((e, i) => {
    const r = Edge.safeParse(e);
    if (!r.success) {
      const field = formatPath(["edges", i, ...(r.error.issues[0]?.path ?? [])]);
      findings.push(finding("RF009", `${field}: ${r.error.issues[0]?.message}`, { field }));
      return;
    }
    const edge = r.data;
    if (ids.has(edge.id)) {
      findings.push(finding("RF007", `Duplicate edge id '${edge.id}'.`, { edgeId: edge.id }));
      return;
    }
    ids.add(edge.id);
    const missing = [edge.from.node, edge.to.node].filter(
      (id) => !nodeIds.has(id) && !invalid.has(id),
    );
    if (missing.length > 0) {
      findings.push(
        finding("RF008", `Edge '${edge.id}' refers to unknown node '${missing[0]}'.`, {
          edgeId: edge.id,
        }),
      );
      return;
    }
    if (invalid.has(edge.from.node) || invalid.has(edge.to.node)) detached.push(edge);
    else edges.push(edge);
  });
  return { edges, detached };
}
