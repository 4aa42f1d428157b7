// `riffle validate` and `riffle describe`, run as a person runs them: the real bin, spawned.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "packages/cli/bin/riffle.mjs");
const FIXTURES = join(ROOT, "packages/topology/test/fixtures");
const dir = mkdtempSync(join(tmpdir(), "riffle-cli-"));

type Run = { code: number; out: string; err: string };

function riffle(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, encoding: "utf8" },
      (error, out, err) => {
        done({ code: error ? Number(error.code ?? 1) : 0, out, err });
      },
    );
  });
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const mismatched = {
  format: "riffle.topology/v1",
  name: "mismatch",
  topics: [
    { name: "a", partitions: 3 },
    { name: "b", partitions: 6 },
  ],
  nodes: [
    { id: "a", kind: "stream-source", config: { topic: "a" } },
    { id: "b", kind: "table-source", config: { topic: "b" } },
    { id: "j", kind: "stream-table-join", config: { joinType: "inner" } },
    { id: "out", kind: "sink", config: { topic: "out" } },
  ],
  edges: [
    { id: "e1", from: { node: "a" }, to: { node: "j", port: "left" } },
    { id: "e2", from: { node: "b" }, to: { node: "j", port: "right" } },
    { id: "e3", from: { node: "j" }, to: { node: "out" } },
  ],
};

describe("riffle validate / describe", () => {
  // Each run starts node + tsx (seconds on a loaded machine): start them all at once.
  const runs: Record<string, Run> = {};
  beforeAll(async () => {
    const cases: Record<string, string[]> = {
      valid: ["validate", join(FIXTURES, "filter-map.json")],
      invalid: ["validate", file("mismatch.json", mismatched)],
      json: ["validate", file("mismatch2.json", mismatched), "--json"],
      missing: ["validate", join(dir, "missing.json")],
      broken: ["validate", file("broken.json", "{ nope")],
      describe: ["describe", join(FIXTURES, "rekey-count.json")],
    };
    const results = await Promise.all(Object.values(cases).map((args) => riffle(...args)));
    Object.keys(cases).forEach((name, i) => {
      runs[name] = results[i];
    });
  }, 180_000);

  it("validate exits 0 for a valid document and prints a summary", () => {
    expect(runs.valid.code).toBe(0);
    expect(runs.valid.out).toContain("filter-map.json: valid — 0 error(s)");
  });

  it("validate exits 1 on error findings, printing code, node and fix", () => {
    expect(runs.invalid.code).toBe(1);
    expect(runs.invalid.out).toContain(
      "error RF501 (node j, inputs.left): Topics not co-partitioned: [{a=3, b=6}]",
    );
    expect(runs.invalid.out).toContain("fix: Repartition `a` to 6 partitions");
  });

  it("validate --json prints the findings as JSON", () => {
    expect(runs.json.code).toBe(1);
    const parsed = JSON.parse(runs.json.out);
    expect(parsed.valid).toBe(false);
    expect(parsed.findings.map((f: { code: string }) => f.code)).toContain("RF501");
  });

  it("validate exits 2 for unreadable input: a missing file or text that is not JSON", () => {
    expect(runs.missing.code).toBe(2);
    expect(runs.missing.err).toContain("cannot read");
    expect(runs.broken.code).toBe(2);
    expect(runs.broken.out).toContain("RF001");
  });

  it("describe prints Kafka Streams' Topology#describe() text", () => {
    expect(runs.describe.code).toBe(0);
    expect(runs.describe.out).toMatch(
      /^Topologies:\n {3}Sub-topology: 0\n {4}Source: KSTREAM-SOURCE-0000000000 \(topics: \[clicks\]\)/,
    );
    expect(runs.describe.out).toContain("  Sub-topology: 1\n");
  });
});
