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
  const topic = n.kind === "sink" ? undefined : (n.config as { topic?: unknown }).topic;
  return typeof topic === "string" ? [topic] : [];
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
  const inputs = [...new Set(r.document.nodes.flatMap(inputTopic))];
  const reads = [...new Set(inputs.flatMap((t) => catalog.bySourceTopic(t)))];
  return { document: r.document, added, reads, inputs };
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
