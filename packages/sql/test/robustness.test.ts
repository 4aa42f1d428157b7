// Bad input never throws: whatever the text, importSql answers with a document or positioned
// errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importSql } from "../src/index";

const WORDS = [
  "CREATE",
  "STREAM",
  "TABLE",
  "AS",
  "SELECT",
  "FROM",
  "WHERE",
  "GROUP",
  "BY",
  "PARTITION",
  "WINDOW",
  "TUMBLING",
  "SESSION",
  "HOPPING",
  "SIZE",
  "ADVANCE",
  "JOIN",
  "LEFT",
  "ON",
  "WITHIN",
  "EMIT",
  "FINAL",
  "CHANGES",
  "INSERT",
  "INTO",
  "DROP",
  "KEY",
  "PRIMARY",
  "WITH",
  "COUNT",
  "SUM",
  "INT",
  "STRING",
  "S",
  "T",
  "ID",
  "V",
  "(",
  ")",
  ",",
  ";",
  "*",
  "=",
  "'x'",
  "1",
  "`q`",
  "--",
  "/*",
  "*/",
  "KAFKA_TOPIC='t'",
  "VALUE_FORMAT='JSON'",
  "SECONDS",
  "AND",
  "NULL",
  "->",
];

const SOURCE = "CREATE STREAM S (ID INT KEY, V INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON');\n";

function wellFormed(r: ReturnType<typeof importSql>): boolean {
  if (r.ok) return r.document.nodes.length >= 0;
  return r.errors.every((e) => e.message.length > 0 && e.line >= 1 && e.column >= 1);
}

describe("importSql on arbitrary input", () => {
  it("never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => wellFormed(importSql(text))),
      {
        numRuns: 300,
      },
    );
  });

  it("never throws on sequences of SQL words after a valid declaration", () => {
    const soup = fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(soup, (text) => wellFormed(importSql(SOURCE + text))),
      { numRuns: 500 },
    );
  });

  it("an empty or comment-only script is an empty document", () => {
    for (const text of ["", "  \n ", "-- nothing\n/* at all */"]) {
      const r = importSql(text);
      expect(r.ok && r.document.nodes).toEqual([]);
    }
  });
});
