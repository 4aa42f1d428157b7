// Writes docs/nodes.md and docs/validation-codes.md (`npm run gen:docs -w @riffle/topology`).
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { codesMarkdown, nodesMarkdown } from "./docs";

export const DOCS_DIR = resolve(import.meta.dirname, "../../../docs");

if (process.argv[1] === import.meta.filename) {
  writeFileSync(resolve(DOCS_DIR, "nodes.md"), nodesMarkdown());
  writeFileSync(resolve(DOCS_DIR, "validation-codes.md"), codesMarkdown());
  console.log(`wrote ${DOCS_DIR}/nodes.md and validation-codes.md`);
}
