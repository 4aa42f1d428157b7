// Every reference topology of @riffle/codegen printed as ksqlDB SQL imports back into a document
// (EXPLODE for flat-maps, AS_VALUE for PARTITION BY keys kept as values included).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toKsql } from "@riffle/codegen";
import { describe, expect, it } from "vitest";
import { importSql } from "../src/index";

const FIXTURES = join(import.meta.dirname, "../../codegen/test/fixtures");
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

describe("codegen's reference topologies re-import from their ksqlDB SQL", () => {
  it.each(fixtures)("%s", (file) => {
    const doc = JSON.parse(readFileSync(join(FIXTURES, file), "utf8"));
    const printed = toKsql(doc);
    const imported = importSql(printed.code);
    const message = imported.ok ? "" : `${imported.errors[0].message} @${imported.errors[0].line}`;
    expect(message).toBe("");
  });
});
