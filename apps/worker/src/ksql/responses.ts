// Listing and description entities in ksqlDB's REST shapes (`streams`, `tables`, `queries`,
// `kafka_topics`, `sourceDescription`). SHOW QUERIES also lists deployments made on the canvas.
import type { Services } from "../http/types";
import type { CatalogSource, KsqlCatalog } from "./catalog";

/** Topologies the SQL surface created; everything else is the canvas's. */
export const SQL_TOPOLOGY_PREFIX = "ksql/";

export function listSources(catalog: KsqlCatalog, what: "STREAMS" | "TABLES") {
  const kind = what === "STREAMS" ? "STREAM" : "TABLE";
  const rows = [...catalog.sources.values()]
    .filter((s) => s.summary.kind === kind)
    .map((s) => ({
      type: kind,
      name: s.summary.name,
      topic: s.summary.topic,
      keyFormat: "KAFKA",
      valueFormat: "JSON",
      isWindowed: s.summary.windowed !== undefined,
    }));
  return what === "STREAMS"
    ? { "@type": "streams", streams: rows }
    : { "@type": "tables", tables: rows };
}

export async function listQueries(catalog: KsqlCatalog, { topologies }: Services) {
  const sql = catalog.running().map((q) => ({
    queryString: q.statement,
    sinks: [q.sink],
    sinkKafkaTopics: [catalog.sources.get(q.sink)?.summary.topic ?? q.sink],
    id: q.id,
    statusCount: { RUNNING: 1 },
    queryType: "PERSISTENT",
    state: "RUNNING",
    deploymentId: q.deploymentId,
  }));
  const canvas = (await topologies.list()).flatMap((t) => {
    const d = t.deployments[0];
    if (t.name.startsWith(SQL_TOPOLOGY_PREFIX) || d?.status !== "running") return [];
    return [
      {
        queryString: `-- topology '${t.name}' (version ${d.version.version}) drawn on the canvas`,
        sinks: [],
        sinkKafkaTopics: [],
        id: d.applicationId,
        statusCount: { RUNNING: 1 },
        queryType: "PERSISTENT",
        state: "RUNNING",
        deploymentId: d.id,
      },
    ];
  });
  return { "@type": "queries", queries: [...sql, ...canvas] };
}

export async function listTopics({ topics }: Services) {
  const all = await topics.list();
  return {
    "@type": "kafka_topics",
    topics: all
      .filter((t) => !t.name.startsWith("_"))
      .map((t) => ({ name: t.name, replicaInfo: Array(t.partitions).fill(1) })),
  };
}

/** ksqlDB's RunningQuery shape, as DESCRIBE lists a source's readers and writers. */
function runningQuery(catalog: KsqlCatalog, id: string) {
  const q = catalog.queries.get(id)!;
  return { id, queryString: q.statement, sinks: [q.sink], state: "RUNNING" };
}

export function describeSource(catalog: KsqlCatalog, source: CatalogSource, extended: boolean) {
  const s = source.summary;
  const fields = [
    ...s.key.map((c) => ({ name: c.name, schema: { type: c.type }, type: "KEY" })),
    ...s.value.map((c) => ({ name: c.name, schema: { type: c.type } })),
  ];
  return {
    "@type": "sourceDescription",
    sourceDescription: {
      name: s.name,
      type: s.kind,
      topic: s.topic,
      keyFormat: "KAFKA",
      valueFormat: "JSON",
      windowType: s.windowed ?? null,
      fields,
      readQueries: catalog.readersOf(s.name).map((id) => runningQuery(catalog, id)),
      writeQueries: catalog.writersOf(s.name).map((id) => runningQuery(catalog, id)),
      extended,
      partitions: source.partitions,
      statement: source.declaration,
    },
  };
}
