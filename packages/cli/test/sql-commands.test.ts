import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordLine } from "@riffle/sql";
import { describe, expect, it } from "vitest";
import { runImport } from "../src/commands/import";
import { parseRecordLines, runSql } from "../src/commands/sql-run";
import { runTests } from "../src/commands/test";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "riffle-sql-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SOURCE =
  "CREATE STREAM INPUT (ID INT KEY, V INT) WITH (kafka_topic='input', value_format='JSON');\n";

/** An engine stand-in: doubles V of every input record onto OUTPUT. */
async function doubling(_doc: unknown, inputs: RecordLine[]): Promise<RecordLine[]> {
  return inputs.map((r) => ({
    topic: "OUTPUT",
    key: r.key,
    value: { V2: (r.value as { V: number }).V * 2 },
    timestamp: r.timestamp,
  }));
}

describe("riffle import", () => {
  it("prints the topology document", async () => {
    const c = capture();
    const code = await runImport(file("ok.sql", SOURCE), {}, c.io);
    expect(code).toBe(0);
    expect(JSON.parse(c.out.join("\n"))).toMatchObject({ name: "ok", topics: [{ name: "input" }] });
  });

  it("reports the refused statement as file:line:column and exits 1", async () => {
    const c = capture();
    const path = file("bad.sql", `${SOURCE}CREATE STREAM O AS SELECT * FROM NOPE;`);
    expect(await runImport(path, {}, c.io)).toBe(1);
    expect(c.err).toEqual([`${path}:2:34: NOPE does not exist.`]);
  });

  it("a missing file exits 2 without throwing", async () => {
    const c = capture();
    expect(await runImport(join(dir, "missing.sql"), {}, c.io)).toBe(2);
    expect(c.err[0]).toMatch(/cannot read/);
  });
});

describe("riffle test", () => {
  const qtt = (tests: unknown[]) => file(`t${Math.random()}.json`, JSON.stringify({ tests }));
  const statements = [SOURCE, "CREATE STREAM OUTPUT AS SELECT ID, V * 2 AS V2 FROM INPUT;"];

  it("passes matching outputs and prints the closing line", async () => {
    const c = capture();
    const path = qtt([
      {
        name: "doubles",
        statements,
        inputs: [{ topic: "input", key: 1, value: { V: 2 }, timestamp: 5 }],
        outputs: [{ topic: "OUTPUT", key: 1, value: { V2: 4 }, timestamp: 5 }],
      },
    ]);
    expect(await runTests([path], {}, c.io, doubling)).toBe(0);
    expect(c.out.at(-1)).toBe("1 passed, 0 failed, 0 unsupported");
  });

  it("a different value fails with a diff and exit 1", async () => {
    const c = capture();
    const path = qtt([
      {
        name: "wrong",
        statements,
        inputs: [{ topic: "input", key: 1, value: { V: 2 } }],
        outputs: [{ topic: "OUTPUT", key: 1, value: { V2: 5 } }],
      },
    ]);
    expect(await runTests([path], {}, c.io, doubling)).toBe(1);
    expect(c.out.join("\n")).toMatch(/FAIL .*wrong\n.*OUTPUT\[0\] value differs/);
    expect(c.out.at(-1)).toBe("0 passed, 1 failed, 0 unsupported");
  });

  it("expectedException passes when the message is contained in the error", async () => {
    const c = capture();
    const path = qtt([
      {
        name: "refused",
        statements: [SOURCE, "CREATE STREAM O AS SELECT * FROM NOPE;"],
        expectedException: { message: "NOPE does not exist" },
      },
    ]);
    expect(await runTests([path], {}, c.io, doubling)).toBe(0);
  });

  it("schema-registry formats are unsupported, not failures; format lists expand", async () => {
    const c = capture();
    const path = qtt([
      {
        name: "formats",
        format: ["AVRO", "JSON"],
        statements: [
          "CREATE STREAM INPUT (ID INT KEY, V INT) WITH (kafka_topic='input', value_format='{FORMAT}');",
          "CREATE STREAM OUTPUT AS SELECT ID, V * 2 AS V2 FROM INPUT;",
        ],
        inputs: [{ topic: "input", key: 1, value: { V: 1 } }],
        outputs: [{ topic: "OUTPUT", key: 1, value: { V2: 2 } }],
      },
    ]);
    expect(await runTests([path], {}, c.io, doubling)).toBe(0);
    expect(c.out).toContain(
      `UNSUPPORTED ${path}: formats - AVRO\n    AVRO needs a schema registry`,
    );
    expect(c.out.at(-1)).toBe("1 passed, 0 failed, 1 unsupported");
  });

  it("a file that is not QTT JSON is reported and fails the run", async () => {
    const c = capture();
    expect(await runTests([file("x.json", "{}")], {}, c.io, doubling)).toBe(1);
    expect(c.err[0]).toMatch(/expected \{"tests": \[\.\.\.\]\}/);
  });
});

describe("riffle run --sql", () => {
  it("runs the statements on JSON Lines input and prints the output lines", async () => {
    const c = capture();
    const sql = file(
      "run.sql",
      `${SOURCE}CREATE STREAM OUTPUT AS SELECT ID, V * 2 AS V2 FROM INPUT;`,
    );
    const input = file("in.jsonl", '{"topic":"input","key":1,"value":{"V":3},"timestamp":7}\n');
    expect(await runSql(sql, input, c.io, doubling)).toBe(0);
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      { topic: "OUTPUT", key: 1, value: { V2: 6 }, timestamp: 7 },
    ]);
  });

  it("runs on the engine: a GROUP BY query counts per key", async () => {
    const c = capture();
    const sql = file(
      "count.sql",
      `${SOURCE}CREATE TABLE COUNTS AS SELECT ID, COUNT(*) AS N FROM INPUT GROUP BY ID;`,
    );
    const input = file(
      "count.jsonl",
      [
        '{"topic":"input","key":1,"value":{"V":3},"timestamp":1}',
        '{"topic":"input","key":1,"value":{"V":4},"timestamp":2}',
      ].join("\n"),
    );
    expect(await runSql(sql, input, c.io)).toBe(0);
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      { topic: "COUNTS", key: 1, value: { N: 1 }, timestamp: 1 },
      { topic: "COUNTS", key: 1, value: { N: 2 }, timestamp: 2 },
    ]);
  });

  it("bad input lines are reported with their number", () => {
    expect(parseRecordLines('{"topic":"a"}\nnot json')).toMatchObject({
      error: expect.stringMatching(/^line 2: not JSON/),
    });
  });
});
