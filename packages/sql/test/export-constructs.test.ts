// Constructs that reach the exporters only through the SQL import: EMIT FINAL on time windows
// (EmitStrategy.onWindowClose) and sources whose keys are windowed (WINDOW_TYPE / WINDOW_SIZE).
import { toJava, toKsql, toTypeScript } from "@riffle/codegen";
import { describe, expect, it } from "vitest";
import { importSql } from "../src/index";

const INPUT =
  "CREATE STREAM INPUT (ID STRING KEY, V INT) WITH (kafka_topic='input', value_format='JSON');\n";
const FINAL = `${INPUT}CREATE TABLE C AS SELECT ID, COUNT(*) AS N FROM INPUT WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS) GROUP BY ID EMIT FINAL;`;
const WINDOWED =
  "CREATE STREAM W (ID STRING KEY, V INT) WITH (kafka_topic='w', value_format='JSON', WINDOW_TYPE='TUMBLING', WINDOW_SIZE='30 SECONDS');\n" +
  "CREATE STREAM OUT AS SELECT ID, V, WINDOWSTART AS WS FROM W;";

function doc(sql: string) {
  const r = importSql(sql);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.document;
}

describe("EMIT FINAL on time windows in the exports", () => {
  it("ksqlDB: an on-window-close windowed-by prints as EMIT FINAL", () => {
    expect(toKsql(doc(FINAL)).code).toMatch(/GROUP BY ID\n\s*EMIT FINAL;/);
  });

  it("Kafka Streams: EMIT FINAL is windowedBy(...).emitStrategy(EmitStrategy.onWindowClose())", () => {
    const { code } = toJava(doc(FINAL));
    expect(code).toContain(".emitStrategy(EmitStrategy.onWindowClose())");
    expect(code).toContain("import org.apache.kafka.streams.kstream.EmitStrategy;");
    expect(code).not.toContain("suppress(");
  });

  it("TypeScript: the engine DSL gets the same emitStrategy call", () => {
    const { code } = toTypeScript(doc(FINAL));
    expect(code).toContain(".emitStrategy(EmitStrategy.onWindowClose())");
    expect(code).toMatch(/import \{[^}]*\bEmitStrategy\b[^}]*\} from "@riffle\/engine"/);
  });
});

describe("windowed sources in the exports", () => {
  it("ksqlDB: the source keeps WINDOW_TYPE and WINDOW_SIZE", () => {
    expect(toKsql(doc(WINDOWED)).code).toContain(
      "WINDOW_TYPE='TUMBLING', WINDOW_SIZE='30 SECONDS'",
    );
  });

  it("Kafka Streams: the source reads its key with WindowedSerdes.timeWindowedSerdeFrom(WINDOW_SIZE)", () => {
    expect(toJava(doc(WINDOWED)).code).toContain(
      "WindowedSerdes.timeWindowedSerdeFrom(String.class, Duration.ofSeconds(30).toMillis())",
    );
  });

  it("TypeScript: a warning says the generated source drops the key's window", () => {
    const { findings } = toTypeScript(doc(WINDOWED));
    expect(findings).toContainEqual(
      expect.objectContaining({ code: "unsupported-window", nodeId: "w-stream-source" }),
    );
  });
});
