// The committed reference files are what the generators produce from the code right now.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { codesMarkdown, nodesMarkdown } from "../scripts/docs";
import { DOCS_DIR } from "../scripts/gen-docs";
import { SCHEMA_PATH, schemaText } from "../scripts/gen-schema";

const committed = (name: string) => readFileSync(resolve(DOCS_DIR, name), "utf8");
const HINT =
  "out of date: run `npm run gen:docs -w @riffle/topology` / `npm run gen:schema -w @riffle/topology`";

describe("generated docs", () => {
  it("docs/topology.schema.json matches z.toJSONSchema of the document schemas", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8"), HINT).toBe(schemaText());
  });

  it("docs/nodes.md documents every node kind from kinds.ts and the config schemas", () => {
    expect(committed("nodes.md"), HINT).toBe(nodesMarkdown());
  });

  it("docs/validation-codes.md lists every code of the catalogue with its help", () => {
    expect(committed("validation-codes.md"), HINT).toBe(codesMarkdown());
  });
});
