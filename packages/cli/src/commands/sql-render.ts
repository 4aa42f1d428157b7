// How `riffle sql` prints what the worker answers, in the layouts of ksqlDB's CLI: listings as
// ` A | B` columns between dashed rules, DESCRIBE and EXPLAIN as `Label : value` blocks, query
// rows in a boxed table, errors as `line L:C: message` in the script's coordinates.

export type Entity = Record<string, any>;

/** Where a statement starts in the script or session it came from (1-based). */
export interface Origin {
  line: number;
  column: number;
}

export const START: Origin = { line: 1, column: 1 };

function cellText(v: unknown): string {
  return typeof v === "string" ? v : (JSON.stringify(v) ?? "null");
}

function columnWidths(headers: string[], cells: string[][]): number[] {
  return headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
}

/** A boxed table, as ksqlDB's CLI prints query results. */
export function renderTable(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((r) => r.map(cellText));
  const widths = columnWidths(headers, cells);
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (r: string[]) =>
    `|${widths.map((w, i) => ` ${(r[i] ?? "").padEnd(w)} `).join("|")}|`;
  return [rule, line(headers), rule, ...cells.map(line), rule].join("\n");
}

/** A listing as ksqlDB's CLI prints SHOW results: header, dashed rule, rows, dashed rule. */
export function renderListing(headers: string[], rows: unknown[][], footer?: string): string {
  const cells = rows.map((r) => r.map(cellText));
  const widths = columnWidths(headers, cells);
  const line = (r: string[]) => widths.map((w, i) => ` ${(r[i] ?? "").padEnd(w)} `).join("|");
  const rule = "-".repeat(line(headers).length);
  return [line(headers), rule, ...cells.map(line), rule, ...(footer ? [footer] : [])].join("\n");
}

/** ksqlDB's CLI names SQL types by their Java-era names: STRING is VARCHAR(STRING), INT INTEGER. */
export function cliType(type: string): string {
  return type.replace(/\bSTRING\b/g, "VARCHAR(STRING)").replace(/\bINT\b/g, "INTEGER");
}

/** `Label                : value` lines, labels padded as ksqlDB's CLI pads them. */
function labelled(pairs: [string, unknown][]): string {
  return pairs.map(([label, value]) => `${label.padEnd(20)} : ${cellText(value)}`).join("\n");
}

function describeSource(d: Entity): string {
  const kind = d.type as string;
  const head = d.extended
    ? labelled([
        ["Name", d.name],
        ["Type", kind],
        ["Timestamp field", "Not set - using <ROWTIME>"],
        ["Key format", d.keyFormat],
        ["Value format", d.valueFormat],
        ["Kafka topic", `${d.topic} (partitions: ${d.partitions}, replication: 1)`],
        ["Statement", d.statement],
      ])
    : labelled([["Name", d.name]]);
  const fields = renderListing(
    ["Field", "Type"],
    (d.fields as Entity[]).map((f) => [
      f.name,
      `${cliType(f.schema.type)}${f.type === "KEY" ? `  (${kind === "TABLE" ? "primary key" : "key"})` : ""}`,
    ]),
  );
  if (!d.extended) {
    return `\n${head}\n${fields}\nFor runtime statistics and query details run: DESCRIBE <Stream,Table> EXTENDED;`;
  }
  const queries = (label: string, qs: Entity[]) => {
    const lines = qs.map((q) => `${q.id} (${q.state ?? "RUNNING"}) : ${q.queryString ?? ""}`);
    return `\n${label} ${kind}\n${"-".repeat(35)}\n${lines.join("\n")}\n`;
  };
  return [
    `\n${head}\n`,
    fields,
    queries("Queries that read from this", d.readQueries),
    // sic: ksqlDB's CLI says "write from this".
    queries("Queries that write from this", d.writeQueries),
    "For query topology and execution plan please run: EXPLAIN <QueryId>",
  ].join("\n");
}

function explainQuery(q: Entity): string {
  const list = (label: string, names: string[], hint: string) =>
    `\n${label}\n${"-".repeat(35)}\n${names.join("\n")}\n\n${hint}`;
  return [
    labelled([
      ["ID", q.id],
      ["Query Type", "PERSISTENT"],
      ["SQL", q.statementText],
      ["Host Query Status", q.state],
      ["Deployment", q.deploymentId],
    ]),
    list(
      "Sources that this query reads from:",
      q.sources,
      "For source description please run: DESCRIBE [EXTENDED] <SourceId>",
    ),
    list(
      "Sinks that this query writes to:",
      q.sinks,
      "For sink description please run: DESCRIBE [EXTENDED] <SinkId>",
    ),
  ].join("\n");
}

/** One /ksql result entity as the shell shows it. */
export function renderEntity(e: Entity): string {
  switch (e["@type"]) {
    case "streams":
    case "tables": {
      const list = (e.streams ?? e.tables) as Entity[];
      const kind = e["@type"] === "streams" ? "Stream" : "Table";
      return renderListing(
        [`${kind} Name`, "Kafka Topic", "Key Format", "Value Format", "Windowed"],
        list.map((s) => [s.name, s.topic, s.keyFormat, s.valueFormat, s.isWindowed]),
      );
    }
    case "queries":
      return renderListing(
        ["Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic", "Query String"],
        (e.queries as Entity[]).map((q) => [
          q.id,
          q.queryType,
          `${q.state}:1`,
          q.sinks.join(","),
          q.sinkKafkaTopics.join(","),
          q.queryString.replace(/\s+/g, " "),
        ]),
        "For detailed information on a Query run: EXPLAIN <Query ID>;",
      );
    case "kafka_topics":
      return renderListing(
        ["Kafka Topic", "Partitions", "Partition Replicas"],
        (e.topics as Entity[]).map((t) => [t.name, t.replicaInfo.length, 1]),
      );
    case "sourceDescription":
      return describeSource(e.sourceDescription as Entity);
    case "queryDescription":
      return explainQuery(e.queryDescription as Entity);
    case "properties":
      return renderListing(["Property", "Value"], Object.entries(e.properties as Entity));
    case "currentStatus":
      return ` ${e.commandStatus.message}`;
    default:
      return JSON.stringify(e, null, 2);
  }
}

/** A statement_error as `line L:C: message`, positioned in the script the statement came from. */
export function renderError(e: Entity, origin: Origin = START): string {
  if (e.line === undefined) return `${e.message}\nStatement: ${e.statementText}`;
  const line = origin.line + e.line - 1;
  const column = e.line === 1 ? origin.column + e.column - 1 : e.column;
  return `line ${line}:${column}: ${e.message}\nStatement: ${e.statementText}`;
}
