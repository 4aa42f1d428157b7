// `riffle validate` and `riffle describe`, run as a person runs them: the real bin, spawned.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "packages/cli/bin/riffle.mjs");
const FIXTURES = join(ROOT, "packages/topology/test/fixtures");
const dir = mkdtempSync(join(tmpdir(), "riffle-cli-"));

function riffle(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
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
  it("validate exits 0 for a valid document and prints a summary", () => {
    const r = riffle("validate", join(FIXTURES, "filter-map.json"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("filter-map.json: valid — 0 error(s)");
  });

  it("validate exits 1 on error findings, printing code, node and fix", () => {
    const r = riffle("validate", file("mismatch.json", mismatched));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "error RF501 (node j, inputs.left): Topics not co-partitioned: [{a=3, b=6}]",
    );
    expect(r.out).toContain("fix: Repartition `a` to 6 partitions");
  });

  it("validate --json prints the findings as JSON", () => {
    const r = riffle("validate", file("mismatch2.json", mismatched), "--json");
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out);
    expect(parsed.valid).toBe(false);
    expect(parsed.findings.map((f: { code: string }) => f.code)).toContain("RF501");
  });

  it("validate exits 2 for unreadable input: a missing file or text that is not JSON", () => {
    expect(riffle("validate", join(dir, "missing.json")).code).toBe(2);
    const r = riffle("validate", file("broken.json", "{ nope"));
    expect(r.code).toBe(2);
    expect(r.out).toContain("RF001");
  });

  it("describe prints Kafka Streams' Topology#describe() text", () => {
    const r = riffle("describe", join(FIXTURES, "rekey-count.json"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Topologies:\n {3}Sub-topology: 0\n {4}Source: KSTREAM-SOURCE-0000000000 \(topics: \[clicks\]\)/,
    );
    expect(r.out).toContain("  Sub-topology: 1\n");
  });
});
