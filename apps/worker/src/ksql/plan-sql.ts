// Plans one statement with @riffle/sql against the catalog's declarations and maps error
// positions from the combined script back to the request the statement came in.
import { importSql, type SourceSummary } from "@riffle/sql";
import type { Topology } from "@riffle/topology";
import type { KsqlCatalog } from "./catalog";
import { StatementError } from "./statement-error";

/** Where a statement starts in its request (1-based). */
export interface Origin {
  line: number;
  column: number;
}

export interface Planned {
  document: Topology;
  /** Sources the statement declares (not in the catalog before). */
  added: SourceSummary[];
  /** Catalog sources the topology reads. */
  reads: string[];
  /** Topics the topology's source nodes read. */
  inputs: string[];
}

function inputTopic(n: Topology["nodes"][number]): string[] {
  return n.kind === "sink" ? [] : topicOf(n);
}

/** Topics on the log with their partition counts: declarations without PARTITIONS use them. */
export type ExistingTopics = { name: string; partitions: number }[];

export function planSql(
  catalog: KsqlCatalog,
  text: string,
  origin: Origin,
  name: string,
  topics: ExistingTopics,
): Planned {
  const prefix = catalog.script();
  const r = importSql(`${prefix}${text};`, { name, topics });
  if (!r.ok) {
    const e = r.errors[0]!;
    const at = toRequest(e.line - lineCount(prefix), e.column, origin);
    throw new StatementError(e.message, at.line, at.column);
  }
  const added = r.sources.filter((s) => !catalog.sources.has(s.name));
  const document = withoutUnusedSources(r.document);
  const inputs = [...new Set(document.nodes.flatMap(inputTopic))];
  const reads = [...new Set(inputs.flatMap((t) => catalog.bySourceTopic(t)))];
  return { document, added, reads, inputs };
}

/** The catalog's declarations come along with every statement, and each becomes a source node:
 *  those no edge leaves are not read by the query, and deployed they would consume their topic. */
function withoutUnusedSources(document: Topology): Topology {
  const used = new Set(document.edges.map((e) => e.from.node));
  const unused = document.nodes.filter((n) => n.kind.endsWith("-source") && !used.has(n.id));
  if (unused.length === 0 || unused.length === document.nodes.length) return document;
  const nodes = document.nodes.filter((n) => !unused.includes(n));
  const topicsInUse = new Set(nodes.flatMap((n) => topicOf(n)));
  const dropped = new Set(unused.flatMap((n) => topicOf(n)).filter((t) => !topicsInUse.has(t)));
  return { ...document, nodes, topics: document.topics.filter((t) => !dropped.has(t.name)) };
}

function topicOf(n: Topology["nodes"][number]): string[] {
  const topic = (n.config as { topic?: unknown }).topic;
  return typeof topic === "string" ? [topic] : [];
}

function lineCount(text: string) {
  return text.split("\n").length - 1;
}

/** A statement-relative position (line 1 = the statement's first line) in request terms. */
function toRequest(line: number, column: number, origin: Origin): Origin {
  if (line < 1) return origin;
  return line === 1
    ? { line: origin.line, column: origin.column + column - 1 }
    : { line: origin.line + line - 1, column };
}
