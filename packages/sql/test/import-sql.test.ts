import { describe, expect, it } from "vitest";
import { importSql } from "../src/index";

const INPUT =
  "CREATE STREAM INPUT (ID INT KEY, NAME STRING, AGE INT) WITH (kafka_topic='input', value_format='JSON');\n";

function ok(sql: string) {
  const r = importSql(sql);
  if (!r.ok) throw new Error(`${r.errors[0].message} @${r.errors[0].line}:${r.errors[0].column}`);
  return r;
}

function error(sql: string) {
  const r = importSql(sql);
  if (r.ok) throw new Error("expected an error");
  return r.errors[0];
}

const topic = (r: ReturnType<typeof ok>, name: string) =>
  r.document.topics.find((t) => t.name === name)!;
const kinds = (r: ReturnType<typeof ok>) => r.document.nodes.map((n) => n.kind);

describe("CREATE STREAM / TABLE", () => {
  it("declares the topic with key and value columns and a stream-source node", () => {
    const r = ok(INPUT);
    expect(topic(r, "input")).toMatchObject({
      keyFormat: "KAFKA",
      valueFormat: "JSON",
      key: [{ name: "ID", type: "INT" }],
      value: [
        { name: "NAME", type: "STRING" },
        { name: "AGE", type: "INT" },
      ],
    });
    expect(kinds(r)).toEqual(["stream-source"]);
  });

  it("ksqlDB: unquoted identifiers are upper-cased, backticks keep case", () => {
    const r = ok(
      "CREATE STream s (`Key` STRING KEY, name string) WITH (kafka_topic='t', format='JSON');",
    );
    expect(r.sources[0]).toMatchObject({
      name: "S",
      key: [{ name: "Key" }],
      value: [{ name: "NAME" }],
    });
  });

  it("ksqlDB: a quoted keyword (`END`) is a column name, in declarations and projections", () => {
    const r = ok(
      "CREATE STREAM T (K STRING KEY, START STRING, `END` STRING) WITH (kafka_topic='t', format='JSON');\n" +
        "CREATE STREAM S1 AS SELECT K, `END` FROM T;",
    );
    const projection = r.document.nodes.find((n) => n.kind === "map-values");
    expect(projection?.config).toMatchObject({ columns: [{ name: "END", expr: "`END`" }] });
  });

  it("ksqlDB: tables need a PRIMARY KEY, streams use KEY", () => {
    expect(
      error("CREATE TABLE T (ID INT, V INT) WITH (kafka_topic='t', value_format='JSON');").message,
    ).toBe("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.");
    expect(
      error("CREATE STREAM S (ID INT PRIMARY KEY) WITH (kafka_topic='t', value_format='JSON');")
        .message,
    ).toMatch(/is a 'PRIMARY KEY' column: please use 'KEY' for streams/);
  });

  it("TIMESTAMP picks a column as the event time", () => {
    const r = ok(
      "CREATE STREAM S (ID INT KEY, TS BIGINT) WITH (kafka_topic='t', value_format='JSON', timestamp='ts');",
    );
    expect(r.document.nodes[0].config).toMatchObject({ timestamp: { kind: "field", field: "TS" } });
  });

  it("schema-registry formats are unsupported, not errors", () => {
    const e = error("CREATE STREAM S (ID INT KEY) WITH (kafka_topic='t', format='AVRO');");
    expect(e.unsupported).toBe(true);
  });
});

describe("CREATE STREAM AS SELECT", () => {
  it("projects key columns to the key and the rest, in SELECT order, to the value", () => {
    const r = ok(
      `${INPUT}CREATE STREAM OUT AS SELECT AGE + 1, ID, UCASE(NAME) AS N FROM INPUT WHERE AGE > 1;`,
    );
    expect(topic(r, "OUT")).toMatchObject({
      key: [{ name: "ID", type: "INT" }],
      value: [
        { name: "KSQL_COL_0", type: "INT" },
        { name: "N", type: "STRING" },
      ],
    });
    expect(kinds(r)).toEqual(["stream-source", "filter", "map-values", "sink"]);
    expect(r.document.nodes[1].config).toEqual({ predicate: "AGE > 1" });
  });

  it("ksqlDB: source qualifiers are dropped from single-source expressions", () => {
    const r = ok(`${INPUT}CREATE STREAM OUT AS SELECT I.ID, I.NAME FROM INPUT I WHERE I.AGE > 1;`);
    expect(r.document.nodes[1].config).toEqual({ predicate: "AGE > 1" });
  });

  it("ksqlDB: the key column must be selected", () => {
    expect(error(`${INPUT}CREATE STREAM OUT AS SELECT NAME FROM INPUT;`).message).toBe(
      "The query used to build `OUT` must include the key column ID in its projection (eg, SELECT ID...).",
    );
  });

  it("ksqlDB: unknown columns name the clause", () => {
    const e = error(`${INPUT}CREATE STREAM OUT AS SELECT ID, BOB FROM INPUT;`);
    expect(e).toMatchObject({
      message: "SELECT column 'BOB' cannot be resolved.",
      line: 2,
      column: 33,
    });
    expect(error(`${INPUT}CREATE STREAM OUT AS SELECT * FROM INPUT WHERE BOB > 1;`).message).toBe(
      "WHERE column 'BOB' cannot be resolved.",
    );
  });

  it("unknown sources are reported where they are named", () => {
    expect(error(`${INPUT}CREATE STREAM OUT AS SELECT * FROM NOPE;`)).toMatchObject({
      message: "NOPE does not exist.",
      line: 2,
      column: 36,
    });
  });

  it("syntax errors carry the script-wide line and column", () => {
    expect(error(`${INPUT}CREATE STREAM OUT AS SELECT * FRM INPUT;`)).toMatchObject({
      line: 2,
      column: 31,
    });
  });

  it("type mismatches point at the operator", () => {
    const e = error(`${INPUT}CREATE STREAM OUT AS SELECT ID, NAME + 1 FROM INPUT;`);
    expect(e.line).toBe(2);
    expect(e.column).toBe(38);
  });

  it("PARTITION BY a value column moves it to the key and appends the old key", () => {
    const r = ok(`${INPUT}CREATE STREAM OUT AS SELECT * FROM INPUT PARTITION BY NAME;`);
    expect(topic(r, "OUT")).toMatchObject({
      key: [{ name: "NAME" }],
      value: [{ name: "AGE" }, { name: "ID" }],
    });
    expect(r.document.nodes[1]).toMatchObject({
      kind: "map",
      config: { key: "NAME", keyName: "NAME" },
    });
  });

  it("ksqlDB: a PARTITION BY expression must be selected", () => {
    expect(
      error(`${INPUT}CREATE STREAM OUT AS SELECT NAME, ID FROM INPUT PARTITION BY ABS(ID);`)
        .message,
    ).toBe(
      "The query used to build `OUT` must include the partitioning expression ABS(INPUT.ID) in its projection (eg, SELECT ABS(INPUT.ID)...).",
    );
  });
});

describe("table functions", () => {
  it("ksqlDB: EXPLODE in SELECT gives one record per element, read under the item's alias", () => {
    const r = ok(
      "CREATE STREAM O (ID STRING KEY, C STRING, ITEMS ARRAY<INT>) WITH (kafka_topic='o', format='JSON');\n" +
        "CREATE STREAM X AS SELECT ID, EXPLODE(ITEMS) AS ITEM, C FROM O;",
    );
    const flat = r.document.nodes.find((n) => n.kind === "flat-map-values");
    expect(flat?.config).toMatchObject({ explode: "ITEMS", as: "ITEM" });
    expect(topic(r, "X").value).toEqual([
      { name: "ITEM", type: "INT" },
      { name: "C", type: "STRING" },
    ]);
  });

  it("EXPLODE of a non-array is refused with its position", () => {
    const e = error(`${INPUT}CREATE STREAM X AS SELECT ID, EXPLODE(NAME) AS N FROM INPUT;`);
    expect(e.message).toBe("EXPLODE takes an ARRAY, got STRING.");
    expect([e.line, e.column]).toEqual([2, 31]);
  });
});

describe("PARTITION BY with several expressions", () => {
  const JSON_INPUT =
    "CREATE STREAM INPUT (NAME STRING, ID INT, AGE INT) WITH (kafka_topic='input', format='JSON');\n";

  it("builds a multi-column key as one STRUCT of the key columns", () => {
    const r = ok(`${JSON_INPUT}CREATE STREAM OUT AS SELECT * FROM INPUT PARTITION BY ID, AGE;`);
    expect(r.document.nodes[1].config).toMatchObject({ key: "STRUCT(ID := ID, AGE := AGE)" });
    expect(topic(r, "OUT")).toMatchObject({
      keyFormat: "JSON",
      key: [{ name: "ID" }, { name: "AGE" }],
      value: [{ name: "NAME" }],
    });
  });

  it("ksqlDB: the KAFKA key format takes a single column", () => {
    const sql = `CREATE STREAM INPUT (NAME STRING, ID INT, AGE INT) WITH (kafka_topic='input', value_format='JSON');\nCREATE STREAM OUT AS SELECT * FROM INPUT PARTITION BY ID, AGE;`;
    expect(error(sql).message).toContain(
      "The 'KAFKA' format only supports a single field. Got: [`ID` INTEGER KEY, `AGE` INTEGER KEY]",
    );
  });

  it("ksqlDB: NULL cannot be one of several partitioning expressions", () => {
    expect(
      error(`${JSON_INPUT}CREATE STREAM OUT AS SELECT * FROM INPUT PARTITION BY NULL, ID;`).message,
    ).toBe("Cannot PARTITION BY multiple columns including NULL");
  });

  it("ksqlDB: map-typed keys are refused", () => {
    const sql =
      "CREATE STREAM INPUT (ID INT KEY, VAL MAP<STRING, INT>) WITH (kafka_topic='input', format='JSON');\nCREATE STREAM OUT AS SELECT * FROM INPUT PARTITION BY VAL;";
    expect(error(sql).message).toMatch(
      /^Map keys, including types that contain maps, are not supported .* Key column name: `VAL`. Column type: MAP<STRING, INTEGER>/,
    );
  });

  it("ksqlDB: PARTITION BY takes value expressions, so a bare AND is a syntax error", () => {
    expect(
      error(`${JSON_INPUT}CREATE STREAM OUT AS SELECT * FROM INPUT PARTITION BY NAME AND AGE;`)
        .message,
    ).toMatch(/^Syntax Error/);
  });

  it("AS_VALUE copies a key column into the value", () => {
    const r = ok(`${INPUT}CREATE STREAM OUT AS SELECT ID, AS_VALUE(ID) AS OLD FROM INPUT;`);
    expect(r.document.nodes[1].config).toEqual({ columns: [{ name: "OLD", expr: "(ID)" }] });
  });
});

describe("aggregations", () => {
  it("GROUP BY with a window, HAVING and EMIT FINAL maps to group-by, windowed-by (on window close), aggregate, filter", () => {
    const r = ok(
      `${INPUT}CREATE TABLE C AS SELECT NAME, COUNT(*) AS N, AVG(AGE) FROM INPUT WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) GROUP BY NAME HAVING COUNT(*) > 1 EMIT FINAL;`,
    );
    expect(kinds(r)).toEqual([
      "stream-source",
      "group-by",
      "windowed-by",
      "aggregate",
      "filter",
      "map-values",
      "to-stream",
      "sink",
    ]);
    expect(r.document.nodes[2].config).toEqual({
      window: { type: "tumbling", sizeMs: 60000, graceMs: 10000 },
      emitStrategy: "on-window-close",
    });
    expect(r.document.nodes[3].config).toEqual({
      aggregations: [
        { name: "N", fn: "COUNT", args: [] },
        { name: "KSQL_AGG_VARIABLE_1", fn: "AVG", args: ["AGE"] },
      ],
    });
    expect(topic(r, "C")).toMatchObject({
      key: [{ name: "NAME", type: "STRING" }],
      value: [
        { name: "N", type: "BIGINT" },
        { name: "KSQL_COL_0", type: "DOUBLE" },
      ],
    });
  });

  it("grouping by the key needs no repartition (groupByKey)", () => {
    const r = ok(`${INPUT}CREATE TABLE C AS SELECT ID, SUM(AGE) AS S FROM INPUT GROUP BY ID;`);
    expect(kinds(r)).toContain("group-by-key");
  });

  it("ksqlDB: EMIT FINAL needs a windowed aggregation", () => {
    expect(
      error(`${INPUT}CREATE TABLE C AS SELECT ID, COUNT(*) FROM INPUT GROUP BY ID EMIT FINAL;`)
        .message,
    ).toBe("EMIT FINAL is only supported for windowed aggregations.");
  });

  it("ksqlDB: GROUP BY needs an aggregate", () => {
    expect(error(`${INPUT}CREATE TABLE C AS SELECT ID, NAME FROM INPUT GROUP BY ID;`).message).toBe(
      "GROUP BY requires aggregate functions in either the SELECT or HAVING clause.",
    );
  });

  it("ksqlDB: without GRACE PERIOD windows accept late records for 24 hours, EMIT FINAL for none", () => {
    const sql = `${INPUT}CREATE TABLE C AS SELECT ID, COUNT(*) FROM INPUT WINDOW TUMBLING (SIZE 2 SECONDS) GROUP BY ID EMIT FINAL;`;
    expect(ok(sql).document.nodes[2].config).toEqual({
      window: { type: "tumbling", sizeMs: 2000, graceMs: 0 },
      emitStrategy: "on-window-close",
    });
  });

  it("ksqlDB: SUM_LIST sums an ARRAY of numbers into its element type", () => {
    const r = ok(
      "CREATE STREAM S (ID STRING KEY, VALS ARRAY<BIGINT>) WITH (kafka_topic='s', value_format='JSON');\nCREATE TABLE C AS SELECT ID, SUM_LIST(VALS) AS T FROM S GROUP BY ID;",
    );
    expect(topic(r, "C").value).toEqual([{ name: "T", type: "BIGINT" }]);
  });

  it("ksqlDB: EMIT FINAL on a session window is a suppress until the window closes", () => {
    const sql = `${INPUT}CREATE TABLE C AS SELECT ID, COUNT(*) FROM INPUT WINDOW SESSION (5 SECONDS) GROUP BY ID EMIT FINAL;`;
    const r = ok(sql);
    expect(r.document.nodes[2].config).toEqual({
      window: { type: "session", gapMs: 5000, graceMs: 0 },
    });
    expect(kinds(r)).toContain("suppress");
  });

  it("hopping and session windows", () => {
    const hop = ok(
      `${INPUT}CREATE TABLE C AS SELECT ID, COUNT(*) FROM INPUT WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS) GROUP BY ID;`,
    );
    expect(hop.document.nodes[2].config).toEqual({
      window: { type: "hopping", sizeMs: 10000, advanceMs: 5000, graceMs: 86400000 },
    });
    const session = ok(
      `${INPUT}CREATE TABLE C AS SELECT ID, COUNT(*) FROM INPUT WINDOW SESSION (30 SECONDS) GROUP BY ID;`,
    );
    expect(session.document.nodes[2].config).toEqual({
      window: { type: "session", gapMs: 30000, graceMs: 86400000 },
    });
  });
});

describe("joins", () => {
  const TABLES =
    "CREATE TABLE L (ID1 BIGINT PRIMARY KEY, F1 BIGINT) WITH (kafka_topic='l', format='JSON', partitions=2);\n" +
    "CREATE TABLE R (ID2 BIGINT PRIMARY KEY, F2 BIGINT) WITH (kafka_topic='r', format='JSON', partitions=2);\n";

  it("table-table joins on the right table's key", () => {
    const r = ok(`${TABLES}CREATE TABLE O AS SELECT ID1, F1, F2 FROM L JOIN R ON ID1 = ID2;`);
    expect(kinds(r)).toContain("table-table-join");
    expect(topic(r, "O")).toMatchObject({
      key: [{ name: "ID1" }],
      value: [{ name: "F1" }, { name: "F2" }],
    });
  });

  it("ksqlDB: a table join must use the right table's primary key", () => {
    expect(
      error(`${TABLES}CREATE TABLE O AS SELECT ID1, F1, F2 FROM L JOIN R ON ID1 = F2;`).message,
    ).toBe(
      "Invalid join condition: table-table joins require to join on the primary key of the right input table. Got L.ID1 = R.F2.",
    );
  });

  it("ksqlDB: stream-stream joins need WITHIN", () => {
    const sql = `${INPUT}CREATE STREAM B (ID INT KEY, X INT) WITH (kafka_topic='b', value_format='JSON');\nCREATE STREAM O AS SELECT * FROM INPUT JOIN B ON INPUT.ID = B.ID;`;
    expect(error(sql).message).toMatch(/^Stream-Stream joins must have a WITHIN clause specified/);
  });

  it("stream-stream joins carry the window and grace", () => {
    const sql = `${INPUT}CREATE STREAM B (ID INT KEY, X INT) WITH (kafka_topic='b', value_format='JSON');\nCREATE STREAM O AS SELECT * FROM INPUT A LEFT JOIN B WITHIN (1 SECOND, 2 SECONDS) GRACE PERIOD 3 SECONDS ON A.ID = B.ID;`;
    const node = ok(sql).document.nodes.find((n) => n.kind === "stream-stream-join")!;
    expect(node.config).toMatchObject({
      joinType: "left",
      beforeMs: 1000,
      afterMs: 2000,
      graceMs: 3000,
    });
  });

  it("ksqlDB: mismatched partition counts are refused naming both sources", () => {
    const sql = `${INPUT}CREATE TABLE T (ID INT PRIMARY KEY, X INT) WITH (kafka_topic='t', value_format='JSON', partitions=4);\nCREATE STREAM O AS SELECT * FROM INPUT JOIN T ON INPUT.ID = T.ID;`;
    expect(error(sql).message).toBe(
      "Can't join `INPUT` with `T` since the number of partitions don't match. `INPUT` partitions = 1; `T` partitions = 4. Please repartition either one so that the number of partitions match.",
    );
  });

  it("ksqlDB: table-stream order is refused", () => {
    const sql = `${INPUT}CREATE TABLE T (ID INT PRIMARY KEY, X INT) WITH (kafka_topic='t', value_format='JSON');\nCREATE STREAM O AS SELECT * FROM T JOIN INPUT ON INPUT.ID = T.ID;`;
    expect(error(sql).message).toBe(
      "Invalid join order: table-stream joins are not supported; only stream-table joins. Got T [INNER] JOIN INPUT.",
    );
  });
});

describe("other statements", () => {
  it("INSERT INTO adds a second sink to the same topic", () => {
    const r = ok(
      `${INPUT}CREATE STREAM OUT AS SELECT ID, NAME FROM INPUT;\nINSERT INTO OUT SELECT ID, NAME FROM INPUT WHERE AGE > 3;`,
    );
    expect(r.document.nodes.filter((n) => n.kind === "sink").map((n) => n.config)).toEqual([
      { topic: "OUT" },
      { topic: "OUT" },
    ]);
  });

  it("DROP removes the source; DROP IF EXISTS of a missing one is fine", () => {
    expect(ok(`${INPUT}DROP STREAM INPUT;\nDROP STREAM IF EXISTS INPUT;`).sources).toEqual([]);
  });

  it("comments and blank statements are ignored", () => {
    expect(ok(`-- a comment; still a comment\n${INPUT};\n/* block; */`).sources).toHaveLength(1);
  });
});

describe("joins grouped and parenthesised", () => {
  const TABLES = `CREATE TABLE T1 (ID BIGINT PRIMARY KEY, TOTAL INT) WITH (kafka_topic='t1', value_format='JSON', partitions=1);
CREATE TABLE T2 (ID BIGINT PRIMARY KEY, TOTAL INT) WITH (kafka_topic='t2', value_format='JSON', partitions=1);
`;

  it("ksqlDB accepts a parenthesised join condition: ON (a = b) imports as ON a = b", () => {
    const select = "CREATE TABLE OUTPUT AS SELECT T1.ID, T2.TOTAL FROM T1 LEFT JOIN T2 ON";
    const bare = ok(`${TABLES}${select} T1.ID = T2.ID;`).document;
    expect(ok(`${TABLES}${select} ((T1.ID = T2.ID));`).document).toEqual(bare);
  });

  it("GROUP BY a join column shared by both sources names the key <alias>_<column> (T1_ID), read by SELECT T1.ID", () => {
    const doc = ok(
      `${TABLES}CREATE TABLE OUTPUT AS SELECT T1.ID, SUM(T2.TOTAL) AS S FROM T1 LEFT JOIN T2 ON T1.ID = T2.ID GROUP BY T1.ID;`,
    ).document;
    expect(doc.topics.find((t) => t.name === "OUTPUT")?.key).toEqual([
      { name: "T1_ID", type: "BIGINT" },
    ]);
  });
});

describe("RIGHT JOIN", () => {
  it("ksqlDB's a RIGHT JOIN b WITHIN (before, after) is b LEFT JOIN a WITHIN (after, before): one document", () => {
    const sources = `CREATE STREAM A (ID INT KEY, X INT) WITH (kafka_topic='a', value_format='JSON', partitions=1);
CREATE STREAM B (ID INT KEY, Y INT) WITH (kafka_topic='b', value_format='JSON', partitions=1);
`;
    const right = ok(
      `${sources}CREATE STREAM J AS SELECT B.ID, A.X, B.Y FROM A RIGHT JOIN B WITHIN (1 SECOND, 2 SECONDS) ON A.ID = B.ID;`,
    );
    const left = ok(
      `${sources}CREATE STREAM J AS SELECT B.ID, A.X, B.Y FROM B LEFT JOIN A WITHIN (2 SECONDS, 1 SECOND) ON B.ID = A.ID;`,
    );
    expect(right.document).toEqual(left.document);
  });
});
