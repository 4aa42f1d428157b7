import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTopology } from "../src/commands/run";

const TOPOLOGY = join(import.meta.dirname, "fixtures", "run-count.topology.json");
const dir = mkdtempSync(join(tmpdir(), "riffle-run-"));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

function input(lines: unknown[]): string {
  const path = join(dir, `in-${Math.random()}.jsonl`);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"));
  return path;
}

const order = (key: string, customer: string, timestamp?: number) => ({
  topic: "orders",
  key,
  value: { CUSTOMER: customer, AMOUNT: 1 },
  ...(timestamp === undefined ? {} : { timestamp }),
});

describe("riffle run --topology", () => {
  it("prints every output record as a record line, in the order produced", async () => {
    const c = capture();
    const code = await runTopology(
      { topology: TOPOLOGY, input: input([order("o1", "amy", 1), order("o2", "amy", 2)]) },
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      { topic: "counts", key: "amy", value: 1, timestamp: 1, partition: 0 },
      { topic: "counts", key: "amy", value: 2, timestamp: 2, partition: 0 },
    ]);
  });

  it("a record without a timestamp is a dead letter naming its line; processing continues", async () => {
    const c = capture();
    const deadFile = join(dir, "dead.jsonl");
    const code = await runTopology(
      {
        topology: TOPOLOGY,
        input: input([order("o1", "amy"), order("o2", "bob", 5)]),
        deadLetters: deadFile,
      },
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out).toHaveLength(1);
    expect(JSON.parse(readFileSync(deadFile, "utf8"))).toEqual({
      line: 1,
      topic: "orders",
      reason: "missing timestamp",
    });
  });

  it("writes to --output when given", async () => {
    const out = join(dir, "out.jsonl");
    await runTopology(
      { topology: TOPOLOGY, input: input([order("o1", "amy", 1)]), output: out },
      capture().io,
    );
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("an input line that is not JSON fails with its line number", async () => {
    const c = capture();
    const code = await runTopology(
      { topology: TOPOLOGY, input: input([order("o1", "amy", 1), "{nope"]) },
      c.io,
    );
    expect(code).toBe(2);
    expect(c.err[0]).toMatch(/line 2: not JSON/);
  });

  it("an invalid topology is reported with the file and exit code 1", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        format: "riffle.topology/v1",
        name: "x",
        nodes: [{ id: "f", kind: "filter", config: {} }],
      }),
    );
    const c = capture();
    expect(await runTopology({ topology: bad, input: input([]) }, c.io)).toBe(1);
    expect(c.err[0]).toMatch(/bad.json: invalid topology/);
  });
});
