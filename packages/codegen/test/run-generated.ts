// Runs generated TypeScript: writes the module into test/tmp (inside the repo, so
// @riffle/* resolve), imports it, and feeds a fixture's input through the engine's
// TopologyTestDriver. What runs is codegen's own output, never user-supplied text.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TestRecord, type Topology, TopologyTestDriver } from "@riffle/engine";
import { FIXTURES } from "./load-fixture";

const TMP = join(import.meta.dirname, "tmp");

export function fixtureInput(name: string): TestRecord[] {
  const text = readFileSync(join(FIXTURES, `${name}.input.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as TestRecord);
}

export async function loadGenerated(name: string, code: string): Promise<() => Topology> {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `${name}.ts`);
  writeFileSync(file, code);
  const module = (await import(/* @vite-ignore */ file)) as { buildTopology: () => Topology };
  return module.buildTopology;
}

/** Every output record, in order, after piping `input` through `topology`. */
export function run(topology: Topology, input: TestRecord[]): TestRecord[] {
  const driver = new TopologyTestDriver(topology);
  driver.pipeRecords(input);
  return driver.allOutput();
}
