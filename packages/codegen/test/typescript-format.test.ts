// The TypeScript printer formats its own output; Biome (the repository's formatter) is the
// judge: formatting the generated module must change nothing.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toTypeScript } from "../src";
import { fixtureNames, loadFixture } from "./load-fixture";

const BIOME = join(import.meta.dirname, "../../../node_modules/.bin/biome");

function biomeFormat(code: string): string {
  const run = spawnSync(BIOME, ["format", "--stdin-file-path=generated.ts"], {
    input: code,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`biome format failed: ${run.stderr}`);
  return run.stdout;
}

describe("generated TypeScript is already formatted", () => {
  for (const name of fixtureNames()) {
    it(`${name}: biome format leaves it unchanged`, () => {
      const { code } = toTypeScript(loadFixture(name));
      expect(code).toBe(biomeFormat(code));
    });
  }
});
