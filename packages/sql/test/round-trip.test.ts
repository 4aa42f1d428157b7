// SQL -> document -> ksqlDB SQL (through @riffle/codegen) -> document must reach a fixpoint:
// printing the re-imported document gives the same SQL again.
import { toKsql } from "@riffle/codegen";
import { describe, expect, it } from "vitest";
import { importSql } from "../src/index";

const SCRIPT = `
CREATE STREAM ORDERS (ID INT KEY, CUSTOMER STRING, AMOUNT DOUBLE, QTY INT) WITH (kafka_topic='orders', value_format='JSON', partitions=3);
CREATE TABLE CUSTOMERS (NAME STRING PRIMARY KEY, REGION STRING) WITH (kafka_topic='customers', format='JSON', partitions=3);
CREATE STREAM BIG AS SELECT ID, UCASE(CUSTOMER) AS WHO, AMOUNT * QTY AS TOTAL FROM ORDERS WHERE AMOUNT > 100;
CREATE STREAM BY_CUSTOMER AS SELECT * FROM ORDERS PARTITION BY CUSTOMER;
CREATE STREAM CSV WITH (VALUE_FORMAT='DELIMITED', KAFKA_TOPIC='orders_csv') AS SELECT ID, CUSTOMER, QTY FROM ORDERS;
CREATE TABLE EU AS SELECT NAME, REGION FROM CUSTOMERS WHERE REGION = 'EU';
CREATE TABLE PER_ID AS SELECT ID, COUNT(*) AS N, SUM(AMOUNT) AS S FROM ORDERS GROUP BY ID;
CREATE TABLE PER_MINUTE AS SELECT ID, MAX(QTY) AS M FROM ORDERS WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) GROUP BY ID EMIT FINAL;
CREATE TABLE SESSIONS AS SELECT ID, COLLECT_LIST(CUSTOMER) AS C FROM ORDERS WINDOW SESSION (5 MINUTES) GROUP BY ID;
CREATE TABLE HOPS AS SELECT ID, COUNT(*) AS N FROM ORDERS WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 30 SECONDS) GROUP BY ID EMIT FINAL;
CREATE STREAM PER_MINUTE_IN (ID INT KEY, M INT) WITH (kafka_topic='per_minute', value_format='JSON', WINDOW_TYPE='TUMBLING', WINDOW_SIZE='1 MINUTE');
CREATE STREAM SESSIONS_IN (ID INT KEY, C ARRAY<STRING>) WITH (kafka_topic='sessions_in', value_format='JSON', WINDOW_TYPE='SESSION');
CREATE TABLE BIG_SPENDERS AS SELECT CUSTOMER, SUM(AMOUNT) AS TOTAL FROM ORDERS GROUP BY CUSTOMER HAVING SUM(AMOUNT) > 1000;
CREATE TABLE BUSY AS SELECT ID, SUM(AMOUNT) AS TOTAL, MAX(QTY) * 2 AS M2 FROM ORDERS WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY ID HAVING COUNT(*) > 2 AND MAX(QTY) < 10;
CREATE TABLE SESSION_COUNTS AS SELECT ID, COUNT(*) AS N FROM ORDERS WINDOW SESSION (5 MINUTES) GROUP BY ID HAVING COUNT(*) > 1 EMIT FINAL;
CREATE STREAM LATE_MINUTES AS SELECT ID, M, WINDOWSTART AS WS FROM PER_MINUTE_IN WHERE M > 1;
`;

function roundTrip(sql: string): string {
  const imported = importSql(sql);
  if (!imported.ok) throw new Error(imported.errors[0].message);
  return toKsql(imported.document).code;
}

describe("SQL -> document -> SQL round trip", () => {
  it("is stable after one pass for projections, filters, PARTITION BY, formats, aggregations, HAVING, EMIT FINAL and windowed sources", () => {
    const once = roundTrip(SCRIPT);
    expect(roundTrip(once)).toBe(once);
  });

  it("the re-imported document declares the same topics (formats, partitions, columns)", () => {
    const first = importSql(SCRIPT);
    const second = importSql(roundTrip(SCRIPT));
    if (!first.ok || !second.ok) throw new Error("import failed");
    const byName = (topics: typeof first.document.topics) =>
      [...topics].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(second.document.topics)).toEqual(byName(first.document.topics));
  });
});

const JOIN_SOURCES = `
CREATE STREAM ORDERS (ID INT KEY, CUSTOMER STRING, AMOUNT DOUBLE) WITH (kafka_topic='orders', value_format='JSON', partitions=3);
CREATE STREAM SHIPMENTS (SID INT KEY, ORDER_ID INT, WAREHOUSE STRING) WITH (kafka_topic='shipments', value_format='JSON', partitions=3);
CREATE STREAM PAYMENTS (ID INT KEY, PAID DOUBLE) WITH (kafka_topic='payments', value_format='JSON', partitions=3);
CREATE TABLE CUSTOMERS (NAME STRING PRIMARY KEY, REGION STRING) WITH (kafka_topic='customers', format='JSON', partitions=3);
CREATE TABLE SCORES (NAME STRING PRIMARY KEY, SCORE INT) WITH (kafka_topic='scores', format='JSON', partitions=3);
CREATE TABLE ACCOUNTS (ACC INT PRIMARY KEY, OWNER STRING) WITH (kafka_topic='accounts', format='JSON', partitions=3);
`;

const JOINS: [string, string][] = [
  [
    "stream-stream inner join WITHIN, the right side re-keyed by its join column",
    "CREATE STREAM SHIPPED AS SELECT O.ID, O.AMOUNT, S.WAREHOUSE FROM ORDERS O JOIN SHIPMENTS S WITHIN 1 HOUR ON O.ID = S.ORDER_ID;",
  ],
  [
    "stream-stream left join WITHIN (before, after) GRACE PERIOD; ksqlDB names the ambiguous key O_ID",
    "CREATE STREAM PAID AS SELECT O.ID, O.AMOUNT, P.PAID FROM ORDERS O LEFT JOIN PAYMENTS P WITHIN (1 MINUTE, 2 MINUTES) GRACE PERIOD 10 SECONDS ON O.ID = P.ID;",
  ],
  [
    "stream-stream full outer join keyed by ksqlDB's ROWKEY",
    "CREATE STREAM BOTH AS SELECT ROWKEY AS ID, O.AMOUNT, P.PAID FROM ORDERS O FULL OUTER JOIN PAYMENTS P WITHIN 5 MINUTES ON O.ID = P.ID;",
  ],
  [
    "stream-table left join on a non-key stream column (implicit repartition)",
    "CREATE STREAM ENRICHED AS SELECT O.CUSTOMER, O.ID, C.REGION FROM ORDERS O LEFT JOIN CUSTOMERS C ON O.CUSTOMER = C.NAME;",
  ],
  [
    "table-table left join on primary keys",
    "CREATE TABLE RATED AS SELECT C.NAME, C.REGION, S.SCORE FROM CUSTOMERS C LEFT JOIN SCORES S ON C.NAME = S.NAME;",
  ],
  [
    "table-table inner join with SELECT * and a WHERE over the joined sources",
    "CREATE TABLE RATED_EU AS SELECT * FROM CUSTOMERS C JOIN SCORES S ON C.NAME = S.NAME WHERE C.REGION = 'EU';",
  ],
  [
    "table-table foreign-key join",
    "CREATE TABLE OWNED AS SELECT A.ACC, A.OWNER, C.REGION FROM ACCOUNTS A JOIN CUSTOMERS C ON A.OWNER = C.NAME;",
  ],
  [
    "a join followed by a projection with expressions, aliases and a WHERE",
    "CREATE STREAM TAGGED AS SELECT O.CUSTOMER AS WHO, O.ID AS ORDER_ID, UCASE(C.REGION) AS R, O.AMOUNT * 2 AS DOUBLED, CONCAT(O.CUSTOMER, '-', C.REGION) AS TAG FROM ORDERS O LEFT JOIN CUSTOMERS C ON O.CUSTOMER = C.NAME WHERE O.AMOUNT > 10;",
  ],
  [
    "a join on a stream re-keyed by PARTITION BY",
    `CREATE STREAM BY_CUSTOMER AS SELECT * FROM ORDERS PARTITION BY CUSTOMER;
CREATE STREAM BY_REGION AS SELECT B.CUSTOMER, B.AMOUNT, C.REGION FROM BY_CUSTOMER B JOIN CUSTOMERS C ON B.CUSTOMER = C.NAME;`,
  ],
  [
    "stream-stream RIGHT JOIN, planned as the swapped left join (re-exported as LEFT JOIN)",
    "CREATE STREAM RIGHTS AS SELECT P.ID, O.AMOUNT, P.PAID FROM ORDERS O RIGHT JOIN PAYMENTS P WITHIN (1 MINUTE, 2 MINUTES) ON O.ID = P.ID;",
  ],
  [
    "table-table RIGHT JOIN",
    "CREATE TABLE SCORED AS SELECT S.NAME, C.REGION, S.SCORE FROM CUSTOMERS C RIGHT JOIN SCORES S ON C.NAME = S.NAME;",
  ],
  [
    "a multi-way join: stream-stream, then stream-table on a column of the first join, with WHERE",
    "CREATE STREAM ROUTED AS SELECT O.CUSTOMER, O.ID, C.REGION, S.WAREHOUSE FROM ORDERS O JOIN SHIPMENTS S WITHIN 1 HOUR ON O.ID = S.ORDER_ID JOIN CUSTOMERS C ON O.CUSTOMER = C.NAME WHERE S.WAREHOUSE <> 'X';",
  ],
  [
    "a multi-way table-table join, one table joined twice under two aliases",
    "CREATE TABLE SCORED_TWICE AS SELECT C.NAME, C.REGION, S.SCORE, X.SCORE AS X FROM CUSTOMERS C JOIN SCORES S ON C.NAME = S.NAME LEFT JOIN SCORES X ON C.NAME = X.NAME;",
  ],
  [
    "GROUP BY over a join, with an aggregate over the left side and HAVING",
    "CREATE TABLE PER_REGION AS SELECT C.REGION, SUM(O.AMOUNT) AS S, COUNT(*) AS N FROM ORDERS O JOIN CUSTOMERS C ON O.CUSTOMER = C.NAME GROUP BY C.REGION HAVING COUNT(*) > 1;",
  ],
];

function imported(sql: string) {
  const result = importSql(sql);
  if (!result.ok) throw new Error(`${result.errors[0].message}\n${sql}`);
  return result.document;
}

describe("SQL -> document -> SQL -> document round trip of joins", () => {
  it.each(JOINS)("%s: the second import gives exactly the first document", (_, statements) => {
    const first = imported(JOIN_SOURCES + statements);
    const exported = toKsql(first).code;
    const second = imported(exported);
    expect(second).toEqual(first);
    expect(toKsql(second).code).toBe(exported);
  });

  it("ksqlDB names the key of GROUP BY over a join column as SELECT names it (REGION, not C_REGION)", () => {
    const doc = imported(`${JOIN_SOURCES}${JOINS.at(-1)?.[1]}`);
    expect(doc.topics.find((t) => t.name === "PER_REGION")?.key).toEqual([
      { name: "REGION", type: "STRING" },
    ]);
  });

  it("each join statement prints as one FROM ... JOIN query, without helper streams", () => {
    const exported = roundTrip(JOIN_SOURCES + JOINS.map(([, s]) => s).join("\n"));
    const queries = exported.match(/ AS\n\s+SELECT/g) ?? [];
    expect(queries).toHaveLength(JOINS.length + 1);
    expect(exported).toContain("FROM ORDERS O\n    LEFT JOIN CUSTOMERS C ON O.CUSTOMER = C.NAME");
  });
});
