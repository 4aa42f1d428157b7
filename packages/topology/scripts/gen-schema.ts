// Writes docs/topology.schema.json from the zod schemas (`npm run gen:schema -w @riffle/topology`).
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { topologyJsonSchema } from "@riffle/topology";

export const SCHEMA_PATH = resolve(import.meta.dirname, "../../../docs/topology.schema.json");

export function schemaText(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
