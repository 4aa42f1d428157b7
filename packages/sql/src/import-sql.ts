// The package entry: a ksqlDB script to one topology document. Statements run in order
// against a catalog, like ksqlDB's command topic; the first refused statement stops the
// import with a positioned error. Nothing thrown inside escapes.
import type { Topology } from "@riffle/topology";
import { Catalog } from "./catalog";
import { DocBuilder } from "./doc-builder";
import { type SqlError, SqlFailure } from "./errors";
import { parseStatement } from "./parse-statement";
import { planStatement } from "./plan-statement";
import { splitStatements } from "./script";

export interface SourceSummary {
  name: string;
  kind: "STREAM" | "TABLE";
  topic: string;
  key: { name: string; type: string }[];
  value: { name: string; type: string }[];
  windowed?: "time" | "session";
}

export type ImportResult =
  | { ok: true; document: Topology; sources: SourceSummary[] }
  | { ok: false; errors: SqlError[]; document: Topology; sources: SourceSummary[] };

export interface ImportOptions {
  /** Document name; defaults to "sql-import". */
  name?: string;
  /** Topics that exist already, with their partition counts (QTT `topics`). */
  topics?: { name: string; partitions: number }[];
  /** ksqlDB's `ksql.new.query.planner.enabled`: a stream projection without the key is keyless. */
  newQueryPlanner?: boolean;
}

/**
 * Imports a ksqlDB script.
 * @example
 * const r = importSql("CREATE STREAM S (ID INT KEY, V STRING) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');");
 * if (r.ok) console.log(r.document.nodes.length); // 1
 */
export function importSql(script: string, options: ImportOptions = {}): ImportResult {
  const catalog = new Catalog();
  const doc = new DocBuilder(options.topics, options.newQueryPlanner);
  const finish = () => ({
    document: doc.build(options.name ?? "sql-import"),
    sources: summarise(catalog),
  });
  for (const text of splitStatements(script)) {
    try {
      planStatement(parseStatement(text), catalog, doc);
    } catch (e) {
      const error =
        e instanceof SqlFailure
          ? e.toError()
          : {
              message: `Internal error: ${(e as Error).message ?? String(e)}`,
              line: text.line,
              column: text.column,
            };
      return { ok: false, errors: [error], ...finish() };
    }
  }
  return { ok: true, ...finish() };
}

function summarise(catalog: Catalog): SourceSummary[] {
  return catalog.all().map((s) => ({
    name: s.name,
    kind: s.kind,
    topic: s.topic,
    key: s.row.key.map(({ name, type }) => ({ name, type })),
    value: s.row.value.map(({ name, type }) => ({ name, type })),
    ...(s.row.windowed ? { windowed: s.row.windowed } : {}),
  }));
}
