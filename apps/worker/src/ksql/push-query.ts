// Push queries: `SELECT ... EMIT CHANGES [LIMIT n]` runs as a transient deployment (never in the
// database or the commands log) whose sources start at the log's end, as ksqlDB's
// auto.offset.reset=latest default does, and hands each result row to the caller until stopped.
import { randomUUID } from "node:crypto";
import { startRunner } from "../services/runner";
import type { TopicLog } from "../services/topic-log";
import type { KsqlCatalog } from "./catalog";
import { type ExistingTopics, type Origin, planSql } from "./plan-sql";
import { columnsOf, header, type QueryHeader, toRow } from "./query-rows";
import { StatementError } from "./statement-error";

const EMIT = /\s+EMIT\s+CHANGES(?:\s+LIMIT\s+(\d+))?\s*$/i;

export function isPushQuery(sql: string) {
  return EMIT.test(sql.trim());
}

export interface PushQuery {
  header: QueryHeader;
  /** Resolves when the LIMIT is reached or the query fails. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function pushQuery(
  catalog: KsqlCatalog,
  topics: TopicLog,
  sql: string,
  origin: Origin,
  onRow: (row: unknown[]) => void,
): Promise<PushQuery> {
  const m = sql.trim().match(EMIT)!;
  const limit = m[1] === undefined ? Number.POSITIVE_INFINITY : Number(m[1]);
  const select = sql.trim().slice(0, m.index);
  const id = `transient_${randomUUID().slice(0, 8)}`;
  const planned = planTransient(catalog, select, id, origin, await topics.list());
  const sink = planned.added[0]!;
  const columns = columnsOf(sink);
  let sent = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await startAtEnd(topics, id, planned.inputs);
  const runner = await startRunner({
    applicationId: id,
    document: planned.document,
    runtime: "embedded",
    topics,
    watched: () => sent < limit,
    onOutput: (batch) => {
      for (let i = 0; i < batch.size && sent < limit; i++) {
        const r = batch.record(i);
        if (r.topic === undefined) continue;
        onRow(toRow(sink, r.key, r.value, columns));
        if (++sent >= limit) finish();
      }
    },
    onError: () => finish(),
  });
  let stopping: Promise<void> | undefined;
  return {
    header: header(id, columns),
    done,
    // Idempotent: the client, LIMIT and shutdown may all stop it.
    stop: () =>
      (stopping ??= (async () => {
        finish();
        await runner.stop();
      })()),
  };
}

/** Plans the SELECT as a CSAS (or CTAS when it aggregates) into a private topic. */
function planTransient(
  catalog: KsqlCatalog,
  select: string,
  id: string,
  origin: Origin,
  existing: ExistingTopics,
) {
  const name = id.toUpperCase();
  const shift = (kind: string) => `CREATE ${kind} ${name} WITH (KAFKA_TOPIC='_riffle_${id}') AS `;
  // The SELECT's own positions are what the caller sent: shift columns back by the prefix.
  const attempt = (kind: string) => {
    const prefix = shift(kind);
    return planSql(
      catalog,
      prefix + select,
      { line: origin.line, column: origin.column - prefix.length },
      name,
      existing,
    );
  };
  try {
    return attempt("STREAM");
  } catch (err) {
    if (!(err instanceof StatementError)) throw err;
    try {
      return attempt("TABLE");
    } catch {
      throw err;
    }
  }
}

/** Commits the transient application at the end of every source partition: the engine then
 *  starts there, as auto.offset.reset=latest would for a new consumer group. */
async function startAtEnd(topics: TopicLog, applicationId: string, inputs: string[]) {
  const log = topics.log;
  const offsets = [];
  for (const topic of inputs) {
    const partitions = (await log.partitions(topic)) ?? 0;
    for (let partition = 0; partition < partitions; partition++) {
      offsets.push({ topic, partition, offset: await log.endOffset(topic, partition) });
    }
  }
  await log.commit({ applicationId, records: [], offsets });
}
