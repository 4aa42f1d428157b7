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

  it("a join re-imports from its exported SQL: the key copied into the value prints as AS_VALUE", () => {
    const joins = `${SCRIPT}
CREATE STREAM ENRICHED AS SELECT O.CUSTOMER, O.ID, O.AMOUNT, C.REGION FROM ORDERS O JOIN CUSTOMERS C ON O.CUSTOMER = C.NAME;`;
    const once = roundTrip(joins);
    expect(once).toContain("AS_VALUE(");
    expect(importSql(once).ok).toBe(true);
  });
});
