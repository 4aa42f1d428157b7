// What the SQL surface knows: declared streams and tables (with the CREATE text that declares
// each, so any later query can be planned against them) and persistent queries, each backed by
// a worker deployment.
import type { SourceSummary } from "@riffle/sql";

export interface CatalogSource {
  summary: SourceSummary;
  /** A CREATE STREAM|TABLE statement declaring the source, for planning later queries. */
  declaration: string;
  partitions: number;
}

export interface PersistentQuery {
  id: string;
  statement: string;
  /** Source names the query writes and reads. */
  sink: string;
  reads: string[];
  topologyId: string;
  deploymentId: string;
  terminated: boolean;
}

export class KsqlCatalog {
  readonly sources = new Map<string, CatalogSource>();
  readonly queries = new Map<string, PersistentQuery>();

  /** The declarations of every source, in creation order, as one script. */
  script(): string {
    return [...this.sources.values()].map((s) => `${s.declaration};\n`).join("");
  }

  running(): PersistentQuery[] {
    return [...this.queries.values()].filter((q) => !q.terminated);
  }

  readersOf(name: string): string[] {
    return this.running()
      .filter((q) => q.reads.includes(name))
      .map((q) => q.id);
  }

  writersOf(name: string): string[] {
    return this.running()
      .filter((q) => q.sink === name)
      .map((q) => q.id);
  }

  bySourceTopic(topic: string): string[] {
    return [...this.sources.values()]
      .filter((s) => s.summary.topic === topic)
      .map((s) => s.summary.name);
  }
}

/** A declaration for a source a CSAS/CTAS created: its columns, topic and kind, as JSON. */
export function declarationOf(s: SourceSummary): string {
  const key = s.key.map(
    (c) => `\`${c.name}\` ${c.type} ${s.kind === "TABLE" ? "PRIMARY KEY" : "KEY"}`,
  );
  const value = s.value.map((c) => `\`${c.name}\` ${c.type}`);
  return `CREATE ${s.kind} \`${s.name}\` (${[...key, ...value].join(", ")}) WITH (KAFKA_TOPIC='${s.topic}', VALUE_FORMAT='JSON')`;
}
