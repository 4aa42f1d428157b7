// Each statement kind of POST /ksql with the errors ksqlDB gives for it, beyond the journey in
// ksql.test.ts: CREATE TABLE, INSERT ... VALUES, DESCRIBE, EXPLAIN, DROP variants, TERMINATE ALL,
// a SELECT sent to /ksql. A refused statement leaves the commands log as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, records, startTestWorker, type TestWorker } from "./harness";

const SETUP = `
CREATE STREAM PAGEVIEWS (USER_ID STRING KEY, PAGE STRING, MS INT)
  WITH (KAFKA_TOPIC='st_pageviews', VALUE_FORMAT='JSON', PARTITIONS=1);
CREATE TABLE USERS (ID STRING PRIMARY KEY, REGION STRING)
  WITH (KAFKA_TOPIC='st_users', VALUE_FORMAT='JSON', PARTITIONS=1);
CREATE STREAM SLOW AS SELECT USER_ID, PAGE FROM PAGEVIEWS WHERE MS > 500 EMIT CHANGES;`;

describe("POST /ksql statement kinds and their errors", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
    const res = await ksql(SETUP);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(() => w?.stop());

  function ksql(text: string) {
    return call(w, "POST", "/ksql", { ksql: text });
  }
  async function refused(text: string) {
    const before = await commandCount();
    const res = await ksql(text);
    expect(res.status).toBe(400);
    expect(res.body["@type"]).toBe("statement_error");
    expect(await commandCount()).toBe(before);
    return res.body as { message: string; line: number; column: number };
  }
  async function commandCount() {
    const topics = await call(w, "GET", "/topics");
    const t = topics.body.find((x: { name: string }) => x.name === "_riffle_commands");
    return t.endOffsets[0] as number;
  }

  it("CREATE TABLE declares a table with its primary key; DESCRIBE shows it", async () => {
    const [tables] = (await ksql("LIST TABLES;")).body;
    expect(tables.tables).toEqual([
      expect.objectContaining({ type: "TABLE", name: "USERS", topic: "st_users" }),
    ]);
    const d = (await ksql("DESCRIBE USERS;")).body[0].sourceDescription;
    expect(d).toMatchObject({ type: "TABLE", extended: false, readQueries: [], writeQueries: [] });
    expect(d.fields[0]).toEqual({ name: "ID", schema: { type: "STRING" }, type: "KEY" });
  });

  it("a query reads only the sources its SELECT names (DESCRIBE's read queries)", async () => {
    const [pageviews, users] = (await ksql("DESCRIBE PAGEVIEWS; DESCRIBE USERS;")).body;
    expect(pageviews.sourceDescription.readQueries).toEqual([
      {
        id: expect.stringMatching(/^CSAS_SLOW_\d+$/),
        queryString: expect.stringMatching(/^CREATE STREAM SLOW AS SELECT/),
        sinks: ["SLOW"],
        state: "RUNNING",
      },
    ]);
    expect(users.sourceDescription.readQueries).toEqual([]);
  });

  it("INSERT INTO ... VALUES writes one record, key column to the key", async () => {
    const res = await ksql(
      "INSERT INTO PAGEVIEWS (USER_ID, PAGE, MS) VALUES ('u1', 'it''s', 900);\nINSERT INTO PAGEVIEWS VALUES ('u2', '/b', 10);",
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const out = await records(w, "st_pageviews", 2);
    expect(out.map((r) => [r.key, r.value])).toEqual([
      ["u1", { PAGE: "it's", MS: 900 }],
      ["u2", { PAGE: "/b", MS: 10 }],
    ]);
    expect((await records(w, "SLOW", 1))[0]).toMatchObject({ key: "u1", value: { PAGE: "it's" } });
  });

  it("refuses INSERT INTO ... VALUES into a missing source, an unknown column or a wrong count", async () => {
    expect((await refused("INSERT INTO NOPE VALUES (1);")).message).toBe("NOPE does not exist.");
    expect(
      (await refused("INSERT INTO PAGEVIEWS (USER_ID, NAME) VALUES ('u', 'x');")).message,
    ).toBe("Column name NAME does not exist.");
    expect((await refused("INSERT INTO PAGEVIEWS VALUES ('u', '/a');")).message).toBe(
      "Expected 3 values, got 2.",
    );
    expect((await refused("INSERT INTO PAGEVIEWS (USER_ID) VALUES (UCASE('u'));")).message).toMatch(
      /^Only literals are supported in VALUES/,
    );
  });

  it("refuses INSERT INTO ... SELECT into a missing stream", async () => {
    const e = await refused("INSERT INTO NOWHERE SELECT * FROM PAGEVIEWS EMIT CHANGES;");
    expect(e.message).toBe("NOWHERE does not exist.");
  });

  it("refuses DESCRIBE and DROP of a missing source, EXPLAIN of an unknown query", async () => {
    expect((await refused("DESCRIBE NOPE;")).message).toBe("NOPE does not exist.");
    expect((await refused("DROP STREAM NOPE;")).message).toBe("Source NOPE does not exist.");
    expect((await refused("EXPLAIN CSAS_NOPE_9;")).message).toBe("Unknown queryId: CSAS_NOPE_9");
  });

  it("an accepted CREATE answers with its commandSequenceNumber, its offset in the commands log (ksqlDB)", async () => {
    const before = await commandCount();
    const res = await ksql(
      "SHOW STREAMS; CREATE STREAM SEQ (ID STRING KEY) WITH (KAFKA_TOPIC='st_seq', VALUE_FORMAT='JSON', PARTITIONS=1); DROP STREAM SEQ;",
    );
    expect(res.body[0].commandSequenceNumber).toBeUndefined();
    expect(
      res.body.slice(1).map((e: { commandSequenceNumber: number }) => e.commandSequenceNumber),
    ).toEqual([before, before + 1]);
  });

  it("DROP IF EXISTS of a missing source succeeds and records nothing (ksqlDB)", async () => {
    const before = await commandCount();
    const res = await ksql("DROP TABLE IF EXISTS NOPE;");
    expect(res.body[0].commandStatus.message).toBe("Source `NOPE` does not exist.");
    expect(await commandCount()).toBe(before);
  });

  it("refuses DROP TABLE of a stream, naming the source's kind (ksqlDB)", async () => {
    expect((await refused("DROP TABLE PAGEVIEWS;")).message).toBe(
      "Incompatible data source type is STREAM, but statement was DROP TABLE",
    );
  });

  it("refuses a SELECT on /ksql, pointing to /query-stream (ksqlDB)", async () => {
    const e = await refused("SHOW STREAMS;\nSELECT * FROM PAGEVIEWS EMIT CHANGES;");
    expect(e).toMatchObject({
      message: expect.stringContaining("'/query-stream' endpoint"),
      line: 2,
      column: 1,
    });
  });

  it("TERMINATE ALL stops every persistent query; the sources can then be dropped", async () => {
    await ksql("CREATE TABLE REGIONS AS SELECT REGION, COUNT(*) AS N FROM USERS GROUP BY REGION;");
    const running = (await ksql("SHOW QUERIES;")).body[0].queries;
    expect(running).toHaveLength(2);
    const res = await ksql("TERMINATE ALL;");
    expect(res.body[0].commandStatus).toMatchObject({ status: "SUCCESS" });
    expect((await ksql("SHOW QUERIES;")).body[0].queries).toEqual([]);
    for (const q of running) {
      const dep = await call(w, "GET", `/deployments/${q.deploymentId}`);
      expect(dep.body.status).toBe("stopped");
    }
    const dropped = await ksql("DROP TABLE REGIONS; DROP STREAM SLOW; DROP STREAM PAGEVIEWS;");
    expect(dropped.status).toBe(200);
    expect((await refused(`TERMINATE ${running[0].id};`)).message).toBe(
      `Unknown queryId: ${running[0].id}`,
    );
  });
});
