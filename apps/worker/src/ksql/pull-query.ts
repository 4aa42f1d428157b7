// Pull queries: `SELECT cols FROM table [WHERE key = literal]` answered with the table's current
// rows. A table a persistent query maintains is read from its changelog (the sink topic),
// folding records by key as a KTable does: the latest value wins and a tombstone deletes.
import type { TopicLog } from "../services/topic-log";
import { toTopicRecord } from "../services/topic-log";
import type { KsqlCatalog } from "./catalog";
import type { Origin } from "./plan-sql";
import { type Columns, columnsOf, header, type QueryHeader, toRow } from "./query-rows";
import { StatementError } from "./statement-error";
import { ident } from "./statement-kind";

const PULL =
  /^SELECT\s+([\s\S]+?)\s+FROM\s+(`[^`]+`|\w+)(?:\s+WHERE\s+(`[^`]+`|\w+)\s*=\s*('(?:[^']|'')*'|[-\w.]+))?\s*$/i;

export async function pullQuery(
  catalog: KsqlCatalog,
  topics: TopicLog,
  sql: string,
  origin: Origin,
): Promise<{ header: QueryHeader; rows: unknown[][] }> {
  const fail = (message: string) => new StatementError(message, origin.line, origin.column);
  const m = sql.trim().match(PULL);
  if (!m)
    throw fail("Pull queries support SELECT columns FROM table [WHERE key_column = literal].");
  const name = ident(m[2]!);
  const source = catalog.sources.get(name);
  if (!source) throw fail(`${name} does not exist.`);
  const s = source.summary;
  if (s.kind === "STREAM") {
    throw fail(
      `Pull queries are not supported on streams: ${name} is a STREAM. Add EMIT CHANGES if you intended to issue a push query.`,
    );
  }
  if (catalog.writersOf(name).length === 0) {
    throw fail(
      `The \`${name}\` table isn't queryable. To derive a queryable table, you can do 'CREATE TABLE QUERYABLE_${name} AS SELECT * FROM ${name}'.`,
    );
  }
  const columns = projection(m[1]!, columnsOf(s), fail);
  const where = m[3] ? { column: ident(m[3]), value: literalText(m[4]!) } : undefined;
  if (where && !(s.key.length === 1 && s.key[0]!.name === where.column)) {
    throw fail(`WHERE clause must compare the key column ${s.key.map((k) => k.name).join(", ")}.`);
  }
  const table = await materialize(topics, s.topic);
  const rows = [...table.entries()]
    .filter(([k]) => !where || k === where.value)
    .map(([, r]) => toRow(s, r.key, r.value, columns));
  return { header: header(`pull_${name}`, columns), rows };
}

function projection(text: string, all: Columns, fail: (m: string) => Error): Columns {
  if (text.trim() === "*") return all;
  return text.split(",").map((c) => {
    const col = all.find((a) => a.name === ident(c.trim()));
    if (!col) throw fail(`Column '${ident(c.trim())}' cannot be resolved.`);
    return col;
  });
}

function literalText(text: string) {
  return text.startsWith("'") ? text.slice(1, -1).replaceAll("''", "'") : text;
}

/** The table's rows by the key's text, from its changelog topic. */
async function materialize(topics: TopicLog, topic: string) {
  const log = topics.log;
  const table = new Map<string, { key: unknown; value: unknown }>();
  const partitions = (await log.partitions(topic)) ?? 0;
  for (let p = 0; p < partitions; p++) {
    const end = await log.endOffset(topic, p);
    for (let offset = 0; offset < end; ) {
      const batch = await log.read(topic, p, offset, 1000);
      if (batch.length === 0) break;
      for (const r of batch.map(toTopicRecord)) {
        const k = typeof r.key === "string" ? r.key : JSON.stringify(r.key);
        if (r.value === null) table.delete(k);
        else table.set(k, { key: r.key, value: r.value });
      }
      offset = batch[batch.length - 1]!.offset + 1;
    }
  }
  return table;
}
