// Riffle's own ksqlDB conformance cases (conformance/cases/*.json, QTT format) through the SQL
// import and the engine's test driver: every case must pass.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type QttCase, readQttFile, runCase } from "@riffle/sql";
import { describe, expect, it } from "vitest";
import { runDocument } from "../src/commands/sql-run";

const DIR = join(import.meta.dirname, "../../../conformance/cases");

function casesOf(file: string): QttCase[] {
  const read = readQttFile(readFileSync(join(DIR, file), "utf8"));
  if (!read.ok) throw new Error(`${file}: ${read.error}`);
  return read.cases;
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

describe("own conformance cases", () => {
  it("there are at least 120 of them", () => {
    expect(files.flatMap(casesOf).length).toBeGreaterThanOrEqual(120);
  });

  for (const file of files) {
    describe(file, () => {
      for (const c of casesOf(file)) {
        it(c.name, async () => {
          const outcome = await runCase(c, runDocument);
          expect(outcome.detail ?? "", outcome.status).toBe("");
          expect(outcome.status).toBe("pass");
        });
      }
    });
  }
});
