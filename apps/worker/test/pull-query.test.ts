// Pull queries over REST (ksqlDB's /query-stream) answered from the state stores of running
// persistent queries: key lookups, key ranges, HAVING and projections applied on read, windowed
// tables with WINDOWSTART / WINDOWEND bounds, and ksqlDB's refusals with line and column.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestWorker, type TestWorker } from "./harness";

const MINUTE = 60_000;
const T0 = 1_700_000_040_000; // a minute boundary
const SETUP = `
CREATE STREAM CLICKS (USER_ID STRING KEY, PAGE STRING, MS INT)
  WITH (KAFKA_TOPIC='pull_clicks', VALUE_FORMAT='JSON', PARTITIONS=2);
CREATE TABLE VISITS AS
  SELECT USER_ID, COUNT(*) AS N, AVG(MS) AS AVG_MS FROM CLICKS GROUP BY USER_ID EMIT CHANGES;
CREATE TABLE REGULARS AS
  SELECT USER_ID, COUNT(*) * 10 AS SCORE FROM CLICKS GROUP BY USER_ID HAVING COUNT(*) > 1 EMIT CHANGES;
CREATE TABLE PER_MINUTE AS
  SELECT USER_ID, COUNT(*) AS N FROM CLICKS WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY USER_ID EMIT CHANGES;
CREATE TABLE VISITS_SESSIONS AS
  SELECT USER_ID, COUNT(*) AS N FROM CLICKS WINDOW SESSION (30 SECONDS) GROUP BY USER_ID EMIT CHANGES;
CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING)
  WITH (KAFKA_TOPIC='pull_users', VALUE_FORMAT='JSON', PARTITIONS=1);
CREATE TABLE NAMES AS SELECT ID, UCASE(NAME) AS NAME FROM USERS EMIT CHANGES;`;

describe("pull queries from state stores (Kafka Streams interactive queries)", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
    const res = await call(w, "POST", "/ksql", { ksql: SETUP, streamsProperties: {} });
    expect(res.status).toBe(200);
  });
  afterAll(() => w?.stop());

  const click = (user: string, ms: number, at: number) =>
    call(w, "POST", "/topics/pull_clicks/records", {
      key: user,
      value: { PAGE: `/p${ms}`, MS: ms },
      timestamp: at,
    });
  const query = (sql: string) =>
    w.app.inject({ method: "POST", url: "/query-stream", payload: { sql } });
  const pull = async (sql: string) => {
    const res = await query(sql);
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = res.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    return { header, rows };
  };
  /** Polls a pull query until its rows are `expected` (the query processes asynchronously). */
  const settled = async (sql: string, expected: unknown[][]) => {
    let rows: unknown[][] = [];
    for (let i = 0; i < 300; i++) {
      rows = (await pull(sql)).rows;
      if (JSON.stringify(rows) === JSON.stringify(expected)) return rows;
      await new Promise((r) => setTimeout(r, 20));
    }
    return rows;
  };
  const refused = async (sql: string) => {
    const res = await query(sql);
    expect(res.statusCode).toBe(400);
    return JSON.parse(res.body);
  };

  it("answers a key lookup with the running aggregation's current value, which moves with new input", async () => {
    await click("alice", 100, T0);
    await click("bob", 300, T0 + 1000);
    await click("alice", 200, T0 + 2000);
    const sql = "SELECT * FROM VISITS WHERE USER_ID = 'alice';";
    expect(await settled(sql, [["alice", 2, 150]])).toEqual([["alice", 2, 150]]);
    expect((await pull(sql)).header).toMatchObject({
      columnNames: ["USER_ID", "N", "AVG_MS"],
      columnTypes: ["STRING", "BIGINT", "DOUBLE"],
    });
    await click("alice", 600, T0 + MINUTE + 5000);
    expect(await settled(sql, [["alice", 3, 300]])).toEqual([["alice", 3, 300]]);
    expect((await pull("SELECT N FROM VISITS WHERE USER_ID = 'nobody'")).rows).toEqual([]);
  });

  it("answers key ranges (BETWEEN, >=/<=, strict bounds) across partitions, in key order", async () => {
    await click("carol", 50, T0 + 3000);
    await settled("SELECT USER_ID FROM VISITS", [["alice"], ["bob"], ["carol"]]);
    const ids = async (where: string) =>
      (await pull(`SELECT USER_ID FROM VISITS WHERE ${where}`)).rows.flat();
    expect(await ids("USER_ID BETWEEN 'alice' AND 'bob'")).toEqual(["alice", "bob"]);
    expect(await ids("USER_ID >= 'b' AND USER_ID <= 'z'")).toEqual(["bob", "carol"]);
    expect(await ids("USER_ID > 'alice' AND 'carol' > USER_ID")).toEqual(["bob"]);
    const projected = await pull(
      "SELECT USER_ID, N * 2 AS TWICE, UCASE(USER_ID) FROM VISITS WHERE USER_ID = 'bob'",
    );
    expect(projected.header).toMatchObject({
      columnNames: ["USER_ID", "TWICE", "KSQL_COL_2"],
      columnTypes: ["STRING", "BIGINT", "STRING"],
    });
    expect(projected.rows).toEqual([["bob", 2, "BOB"]]);
    expect(await ids("USER_ID IN ('carol', 'alice', 'nobody')")).toEqual(["carol", "alice"]);
    const limited = await pull("SELECT USER_ID FROM VISITS WHERE USER_ID >= 'b' LIMIT 1");
    expect(limited.rows).toEqual([["bob"]]);
  });

  it("applies the query's HAVING and projection to the stored aggregate on read (ksqlDB materialization)", async () => {
    const rows = await settled("SELECT * FROM REGULARS", [["alice", 30]]);
    expect(rows).toEqual([["alice", 30]]);
    expect((await pull("SELECT * FROM REGULARS WHERE USER_ID = 'bob'")).rows).toEqual([]);
  });

  it("returns a windowed table's rows for a key with WINDOWSTART and WINDOWEND, bounded by window", async () => {
    const sql = "SELECT * FROM PER_MINUTE WHERE USER_ID = 'alice'";
    const all = [
      ["alice", T0, T0 + MINUTE, 2],
      ["alice", T0 + MINUTE, T0 + 2 * MINUTE, 1],
    ];
    expect(await settled(sql, all)).toEqual(all);
    expect((await pull(sql)).header.columnNames).toEqual([
      "USER_ID",
      "WINDOWSTART",
      "WINDOWEND",
      "N",
    ]);
    const bounded = `${sql} AND WINDOWSTART >= ${T0 + 1} AND WINDOWEND <= ${T0 + 2 * MINUTE}`;
    expect((await pull(bounded)).rows).toEqual([all[1]]);
    const iso = new Date(T0 + MINUTE).toISOString().replace("Z", "");
    expect((await pull(`${sql} AND WINDOWEND <= '${iso}'`)).rows).toEqual([all[0]]);
    expect(
      (await pull(`SELECT USER_ID, N FROM PER_MINUTE WHERE WINDOWSTART = ${T0}`)).rows,
    ).toEqual([
      ["alice", 2],
      ["bob", 1],
      ["carol", 1],
    ]);
  });

  it("returns a session-windowed table's sessions, WINDOWEND being the session's last record", async () => {
    const sql = "SELECT * FROM VISITS_SESSIONS WHERE USER_ID = 'alice'";
    const sessions = [
      ["alice", T0, T0 + 2000, 2],
      ["alice", T0 + MINUTE + 5000, T0 + MINUTE + 5000, 1],
    ];
    expect(await settled(sql, sessions)).toEqual(sessions);
    expect((await pull(`${sql} AND WINDOWSTART > ${T0}`)).rows).toEqual([sessions[1]]);
  });

  it("refuses a pull query on a stream, with ksqlDB's reason", async () => {
    const body = await refused("SELECT * FROM CLICKS WHERE USER_ID = 'alice'");
    expect(body).toMatchObject({
      "@type": "statement_error",
      message: expect.stringContaining(
        "Pull queries are not supported on streams: CLICKS is a STREAM",
      ),
      line: 1,
      column: 15,
    });
  });

  it("refuses unsupported WHERE shapes and columns with line and column", async () => {
    const or = await refused("SELECT * FROM VISITS\nWHERE USER_ID = 'a' OR USER_ID = 'b'");
    expect(or).toMatchObject({
      message: expect.stringContaining("Unsupported WHERE clause in a pull query"),
      line: 2,
      column: 21,
    });
    const value = await refused("SELECT * FROM VISITS WHERE N = 2");
    expect(value).toMatchObject({
      message: expect.stringContaining("WHERE clause on unsupported column: N"),
      line: 1,
      column: 28,
    });
    const window = await refused("SELECT * FROM VISITS WHERE WINDOWSTART > 0");
    expect(window.message).toContain("WINDOWSTART bounds need a windowed table");
    const typed = await refused("SELECT * FROM VISITS WHERE USER_ID = 3");
    expect(typed.message).toContain("USER_ID is STRING; it cannot be compared with 3");
    const missing = await refused("SELECT NOPE FROM VISITS");
    expect(missing).toMatchObject({ message: "Column 'NOPE' cannot be resolved.", column: 8 });
    const typo = await refused("SELECT USER_ID,\n  AVG_MSS * 2 FROM VISITS");
    expect(typo).toMatchObject({ message: expect.stringContaining("AVG_MSS"), line: 2, column: 3 });
    const join = await refused("SELECT * FROM VISITS GROUP BY USER_ID");
    expect(join.message).toContain("Pull queries don't support GROUP BY clauses");
  });

  it("reads a table derived from a source table through the source's materialized store", async () => {
    await call(w, "POST", "/topics/pull_users/records", { key: "u1", value: { NAME: "ada" } });
    const rows = await settled("SELECT * FROM NAMES WHERE ID = 'u1'", [["u1", "ADA"]]);
    expect(rows).toEqual([["u1", "ADA"]]);
  });

  it("refuses a table no running query materializes, with ksqlDB's hint", async () => {
    const body = await refused("SELECT * FROM USERS WHERE ID = 'u1'");
    expect(body.message).toContain("The `USERS` table isn't queryable");
  });
});
