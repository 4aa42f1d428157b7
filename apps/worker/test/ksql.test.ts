// The SQL surface over REST (ksqlDB's /ksql and /query-stream shapes) against a real worker:
// statements of every kind, ksqlDB's refusals, pull queries from a running aggregation and a
// push query over chunked HTTP. The commands log across restarts is in ksql-commands.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, passThrough, records, startTestWorker, type TestWorker } from "./harness";

const ORDERS = `CREATE STREAM ORDERS (ID STRING KEY, CUSTOMER STRING, AMOUNT INT)
  WITH (KAFKA_TOPIC='shop_orders', VALUE_FORMAT='JSON', PARTITIONS=1);`;
const TOTALS = `CREATE TABLE TOTALS AS
  SELECT CUSTOMER, COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM ORDERS GROUP BY CUSTOMER EMIT CHANGES;`;

describe("POST /ksql", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
  });
  afterAll(() => w?.stop());

  const ksql = (text: string) => call(w, "POST", "/ksql", { ksql: text, streamsProperties: {} });
  const pull = async (sql: string) => {
    const res = await w.app.inject({ method: "POST", url: "/query-stream", payload: { sql } });
    expect(res.statusCode).toBe(200);
    return res.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
  };

  it("creates a stream and a CTAS whose persistent query is a worker deployment", async () => {
    const res = await ksql(`${ORDERS}\n${TOTALS}`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      "@type": "currentStatus",
      statementText: expect.stringContaining("CREATE STREAM ORDERS"),
      commandStatus: { status: "SUCCESS", message: "Stream created" },
    });
    const queryId = res.body[1].commandStatus.queryId;
    expect(queryId).toMatch(/^CTAS_TOTALS_\d+$/);

    const queries = await ksql("SHOW QUERIES;");
    const q = queries.body[0].queries.find((x: { id: string }) => x.id === queryId);
    expect(q).toMatchObject({ sinks: ["TOTALS"], state: "RUNNING", queryType: "PERSISTENT" });
    const dep = await call(w, "GET", `/deployments/${q.deploymentId}`);
    expect(dep.body.status).toBe("running");
    const topologies = await call(w, "GET", "/topologies");
    expect(topologies.body.map((t: { name: string }) => t.name)).toContain(
      `ksql/riffle/${queryId}`,
    );
  });

  it("lists streams, tables and topics and describes a source with its readers", async () => {
    const [streams, tables, topics] = (await ksql("SHOW STREAMS; LIST TABLES; SHOW TOPICS;")).body;
    expect(streams.streams).toEqual([
      expect.objectContaining({ type: "STREAM", name: "ORDERS", topic: "shop_orders" }),
    ]);
    expect(tables.tables).toEqual([expect.objectContaining({ type: "TABLE", name: "TOTALS" })]);
    expect(topics["@type"]).toBe("kafka_topics");
    expect(topics.topics.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(["shop_orders", "TOTALS"]),
    );
    const d = (await ksql("DESCRIBE ORDERS EXTENDED;")).body[0].sourceDescription;
    expect(d.fields).toEqual([
      { name: "ID", schema: { type: "STRING" }, type: "KEY" },
      { name: "CUSTOMER", schema: { type: "STRING" } },
      { name: "AMOUNT", schema: { type: "INT" } },
    ]);
    expect(d.readQueries).toHaveLength(1);
    const explained = (await ksql(`EXPLAIN ${d.readQueries[0].id};`)).body[0];
    expect(explained.queryDescription).toMatchObject({ sources: ["ORDERS"], sinks: ["TOTALS"] });
  });

  it("answers a pull query with the running aggregation's current value for a key (KTable: latest per key)", async () => {
    await ksql(
      ["'a1', 'alice', 10", "'a2', 'alice', 5", "'b1', 'bob', 7"]
        .map((v) => `INSERT INTO ORDERS (ID, CUSTOMER, AMOUNT) VALUES (${v});`)
        .join("\n"),
    );
    await records(w, "TOTALS", 3);
    const rows = await pull("SELECT * FROM TOTALS WHERE CUSTOMER = 'alice';");
    expect(rows[0]).toMatchObject({ columnNames: ["CUSTOMER", "N", "TOTAL"] });
    expect(rows.slice(1)).toEqual([["alice", 2, 15]]);
    expect((await pull("SELECT TOTAL FROM TOTALS;")).slice(1)).toEqual([[15], [7]]);
  });

  it("refuses a pull query on a stream with ksqlDB's reason", async () => {
    const res = await call(w, "POST", "/query-stream", {
      sql: "SELECT * FROM ORDERS WHERE ID = 'a1'",
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      "@type": "statement_error",
      message: expect.stringContaining("Pull queries are not supported on streams"),
    });
  });

  it("refuses DROP of a source a running query reads, as ksqlDB does, and records nothing", async () => {
    const before = await commandCount();
    const res = await ksql("DROP STREAM ORDERS;");
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(
      /^Cannot drop ORDERS\. The following queries read from this source: \[CTAS_TOTALS_\d+\]/,
    );
    expect(await commandCount()).toBe(before);
  });

  it("reports an unknown statement and a missing stream with request-wide line and column", async () => {
    const unknown = await ksql("SHOW STREAMS;\n  FROB THE THING;");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      "@type": "statement_error",
      error_code: 40001,
      statementText: "FROB THE THING",
      line: 2,
      column: 3,
    });
    const missing = await ksql("SHOW TABLES;\nCREATE STREAM X AS\n  SELECT * FROM NOPE;");
    expect(missing.body).toMatchObject({ message: "NOPE does not exist.", line: 3, column: 17 });
    expect((await ksql("TERMINATE CTAS_NOPE_1;")).body.message).toBe(
      "Unknown queryId: CTAS_NOPE_1",
    );
  });

  it("lists a topology deployed on the canvas in SHOW QUERIES", async () => {
    const t = await call(w, "POST", "/topologies", { name: "drawn", document: passThrough() });
    const dep = await call(w, "POST", "/deployments", {
      topologyId: t.body.id,
      runtime: "embedded",
    });
    expect(dep.status).toBe(201);
    const queries = (await ksql("SHOW QUERIES;")).body[0].queries;
    expect(queries.map((q: { deploymentId: string }) => q.deploymentId)).toContain(dep.body.id);
  });

  it("sets and unsets properties for the rest of the request", async () => {
    const res = await ksql(
      "SET 'auto.offset.reset'='earliest'; SHOW PROPERTIES; UNSET 'auto.offset.reset'; SHOW PROPERTIES;",
    );
    expect(res.body[1].properties).toEqual({ "auto.offset.reset": "earliest" });
    expect(res.body[3].properties).toEqual({});
  });

  it("INSERT INTO ... SELECT adds a second writer to an existing stream", async () => {
    const res = await ksql(
      `CREATE STREAM EXTREMES AS SELECT * FROM ORDERS WHERE AMOUNT > 8 EMIT CHANGES;
       INSERT INTO EXTREMES SELECT * FROM ORDERS WHERE AMOUNT < 6 EMIT CHANGES;`,
    );
    expect(res.body[1].commandStatus.queryId).toMatch(/^INSERTQUERY_\d+$/);
    const d = (await ksql("DESCRIBE EXTREMES;")).body[0].sourceDescription;
    expect(d.writeQueries).toHaveLength(2);
    const out = await records(w, "EXTREMES", 2);
    expect(out.map((r) => r.value.AMOUNT).sort((a, b) => a - b)).toEqual([5, 10]);
  });

  it("terminates queries, then drops the sources (ksqlDB: terminate before drop)", async () => {
    const queries = (await ksql("SHOW QUERIES;")).body[0].queries as { id: string }[];
    const sql = queries.map((q) => q.id).filter((id) => /^(CSAS|CTAS|INSERTQUERY)_/.test(id));
    expect(sql).toHaveLength(3);
    const terminated = await ksql(sql.map((id) => `TERMINATE ${id};`).join("\n"));
    expect(terminated.body[0].commandStatus.message).toBe("Query terminated.");
    const dropped = await ksql("DROP STREAM EXTREMES; DROP TABLE TOTALS; DROP STREAM ORDERS;");
    expect(dropped.status).toBe(200);
    expect(dropped.body[2].commandStatus.message).toBe(
      "Source `ORDERS` (topic: shop_orders) was dropped.",
    );
    expect((await ksql("SHOW STREAMS;")).body[0].streams).toEqual([]);
  });

  it("refuses a declaration whose topic exists with other partitions, as ksqlDB does", async () => {
    const res = await ksql(
      "CREATE STREAM S (ID STRING KEY) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=2);",
    );
    expect(res.body.message).toMatch(
      /already exists, with different partition.*expects 2 partitions/,
    );
  });

  async function commandCount() {
    const topics = await call(w, "GET", "/topics");
    const t = topics.body.find((x: { name: string }) => x.name === "_riffle_commands");
    return t.endOffsets[0] as number;
  }
});
