// Bench: import + validate + export (ksqlDB through @riffle/codegen) of a generated script
// of 200 statements. Baseline in the same run: tokenizing the script with @riffle/expr, the
// floor any SQL front end pays. Target: under 200 ms in total.
import { toKsql } from "@riffle/codegen";
import { tokenize } from "@riffle/expr";
import { validate } from "@riffle/topology";
import { importSql } from "../src/index";

const TARGET_MS = 200;

/** 40 sources (streams and tables, co-partitioned in pairs) and 160 queries over them. */
export function generateScript(statements = 200): string {
  const lines: string[] = [];
  const pairs = statements / 10;
  for (let i = 0; i < pairs; i++) {
    lines.push(
      `CREATE STREAM S${i} (ID INT KEY, NAME STRING, AMOUNT DOUBLE, QTY INT, REGION STRING) WITH (KAFKA_TOPIC='s${i}', VALUE_FORMAT='JSON', PARTITIONS=4);`,
      `CREATE TABLE T${i} (ID INT PRIMARY KEY, LABEL STRING, LIMIT_ DOUBLE) WITH (KAFKA_TOPIC='t${i}', VALUE_FORMAT='JSON', PARTITIONS=4);`,
      `CREATE STREAM F${i} AS SELECT ID, UCASE(NAME) AS WHO, AMOUNT * QTY AS TOTAL FROM S${i} WHERE AMOUNT > 10 AND REGION IN ('EU', 'US');`,
      `CREATE STREAM P${i} AS SELECT * FROM S${i} PARTITION BY REGION;`,
      `CREATE TABLE C${i} AS SELECT ID, COUNT(*) AS N, SUM(AMOUNT) AS S, MAX(QTY) AS M FROM S${i} GROUP BY ID;`,
      `CREATE TABLE W${i} AS SELECT REGION, COUNT(*) AS N, AVG(AMOUNT) AS A FROM S${i} WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) GROUP BY REGION EMIT FINAL;`,
      `CREATE TABLE H${i} AS SELECT ID, TOPK(AMOUNT, 3) AS TOP3 FROM S${i} WINDOW HOPPING (SIZE 10 MINUTES, ADVANCE BY 1 MINUTE) GROUP BY ID HAVING COUNT(*) > 2;`,
      `CREATE TABLE X${i} AS SELECT ID, COLLECT_SET(NAME) AS NAMES FROM S${i} WINDOW SESSION (5 MINUTES) GROUP BY ID;`,
      `CREATE STREAM J${i} AS SELECT S${i}.ID AS ID, NAME, LABEL FROM S${i} JOIN T${i} ON S${i}.ID = T${i}.ID;`,
      `CREATE STREAM D${i} WITH (VALUE_FORMAT='DELIMITED') AS SELECT ID, NAME, QTY FROM S${i} WHERE QTY BETWEEN 1 AND 10;`,
    );
  }
  return lines.join("\n");
}

function time<T>(f: () => T, runs: number): { ms: number; value: T } {
  let value = f();
  const start = performance.now();
  for (let i = 0; i < runs; i++) value = f();
  return { ms: (performance.now() - start) / runs, value };
}

const script = generateScript();
const RUNS = 10;
const baseline = time(() => tokenize(script), RUNS);
const imported = time(() => importSql(script), RUNS);
if (!imported.value.ok) throw new Error(`import failed: ${imported.value.errors[0].message}`);
const document = imported.value.document;
const validated = time(() => validate(document), RUNS);
/* the export reuses the validation it follows instead of validating the document again */
const exported = time(() => toKsql(document, validated.value), RUNS);
const total = imported.ms + validated.ms + exported.ms;
const f = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`sql bench: ${script.split("\n").length} statements, ${document.nodes.length} nodes`);
console.log(`  baseline tokenize  ${f(baseline.ms)}`);
console.log(
  `  import             ${f(imported.ms)} (${(imported.ms / baseline.ms).toFixed(1)}x tokenize)`,
);
console.log(`  validate           ${f(validated.ms)}`);
console.log(`  export (ksqlDB)    ${f(exported.ms)}`);
console.log(
  `  total              ${f(total)} (target < ${TARGET_MS} ms: ${total < TARGET_MS ? "met" : "MISSED"})`,
);
