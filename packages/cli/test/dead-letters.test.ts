// `riffle dead-letters list|replay` against a real worker process (HTTP API) and on a durable
// data directory: the letters' source, error, key and value in a table; replay re-appends them.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DurableLog, deadLetterRecord } from "@riffle/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main";

const ROOT = resolve(__dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "riffle-dlq-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

/** A dynamic sink: a record whose target is null cannot be routed and is dead-lettered. */
const ROUTER = {
  format: "riffle.topology/v1",
  name: "router",
  topics: [
    {
      name: "to-route",
      partitions: 1,
      key: [{ name: "id", type: "STRING" }],
      value: [{ name: "target", type: "STRING" }],
    },
  ],
  nodes: [
    { id: "src", kind: "stream-source", config: { topic: "to-route" } },
    { id: "route", kind: "sink", config: { topicExpression: "target" } },
  ],
  edges: [{ id: "e1", from: { node: "src" }, to: { node: "route" } }],
};

async function startWorker(): Promise<{ worker: ChildProcess; url: string }> {
  const worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      RIFFLE_DATA_DIR: join(dir, "worker"),
      RIFFLE_SAMPLES: "off",
      RIFFLE_LOG: "memory",
      LOG_LEVEL: "info",
    },
  });
  let text = "";
  worker.stdout?.on("data", (c: Buffer) => {
    text += c.toString();
  });
  worker.stderr?.on("data", (c: Buffer) => {
    text += c.toString();
  });
  for (let i = 0; i < 3000; i++) {
    const ready = text.match(/\{[^\n]*"worker ready"[^\n]*\}/);
    if (ready) return { worker, url: JSON.parse(ready[0]).url };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`worker never became ready:\n${text}`);
}

async function post(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, any>>;
}

describe("riffle dead-letters on a worker", () => {
  let worker: ChildProcess;
  let url: string;
  beforeAll(async () => {
    ({ worker, url } = await startWorker());
  }, 90_000);
  afterAll(() => {
    worker?.kill("SIGTERM");
  });

  it("lists a deployment's dead letters as a table and replays them to the source topic", async () => {
    const topology = await post(url, "/topologies", { name: "router", document: ROUTER });
    const deployment = await post(url, "/deployments", { topologyId: topology.id });
    await post(url, "/topics/to-route/records", [
      { key: "a", value: { target: "routed-a" } },
      { key: "b", value: { target: null } },
    ]);
    const list = capture();
    for (let i = 0; i < 200 && !list.out.join("").includes("to-route-0@1"); i++) {
      list.out.length = 0;
      expect(await main(["dead-letters", "list", deployment.id, "--url", url], list.io)).toBe(0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const table = list.out.join("\n").split("\n");
    expect(table[1]).toMatch(/\| OFFSET +\| TIMESTAMP +\| SOURCE +\| ERROR +\| KEY +\| VALUE +\|/);
    expect(table).toHaveLength(5);
    expect(table[3]).toMatch(/\| 0 +\| .+ \| to-route-0@1 \| .+ \| b +\| \{"target":null\} +\|/);

    const replay = capture();
    expect(await main(["dead-letters", "replay", deployment.id, "--url", url], replay.io)).toBe(0);
    expect(replay.out).toEqual(["Replayed 1 dead letter to their source topics."]);
    const source = (await fetch(`${url}/topics/to-route/records`).then((r) =>
      r.json(),
    )) as unknown[];
    expect(source.at(-1)).toMatchObject({ key: "b", value: { target: null } });
  });

  it("an unknown deployment is an error naming the worker's answer, exit code 1", async () => {
    const c = capture();
    expect(await main(["dead-letters", "list", "no-such-id", "--url", url], c.io)).toBe(1);
    expect(c.err[0]).toMatch(new RegExp(`^error: worker ${url} answered 404`));
  });
});

describe("riffle dead-letters on a data directory", () => {
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const data = join(dir, "data");

  beforeAll(async () => {
    const log = new DurableLog({ dir: join(data, "log") });
    await log.createTopic("orders", { partitions: 1 });
    await log.createTopic("shop-dlq", { partitions: 1 });
    const letter = (offset: number, reason: string) =>
      deadLetterRecord("shop", {
        topic: "orders",
        partition: 0,
        offset,
        timestamp: 1_700_000_000_000 + offset,
        key: enc(`o${offset}`),
        value: new TextEncoder().encode("{not json"),
        reason,
      });
    await log.append([letter(4, "cannot decode value: Unexpected token"), letter(9, "boom")]);
    await log.close();
  });

  it("lists the newest letters with --limit, undecodable values as text", async () => {
    const c = capture();
    const code = await main(
      ["dead-letters", "list", "--data-dir", data, "--app", "shop", "--limit", "1"],
      c.io,
    );
    expect(code).toBe(0);
    const rows = c.out.join("\n").split("\n");
    expect(rows).toHaveLength(5);
    expect(rows[3]).toMatch(
      /\| 1 +\| 2023-11-14T22:13:20\.009Z \| orders-0@9 \| boom +\| o9 +\| \{not json +\|/,
    );
  });

  it("replays every letter to its source topic", async () => {
    const c = capture();
    expect(await main(["dead-letters", "replay", "--data-dir", data, "--app", "shop"], c.io)).toBe(
      0,
    );
    expect(c.out).toEqual(["Replayed 2 dead letters to their source topics."]);
    const log = new DurableLog({ dir: join(data, "log") });
    const orders = await log.read("orders", 0, 0, 10);
    await log.close();
    expect(orders.map((r) => new TextDecoder().decode(r.key as Uint8Array))).toEqual([
      '"o4"',
      '"o9"',
    ]);
  });

  it("a wrong application id or directory is a clear error, exit code 1", async () => {
    const wrongApp = capture();
    expect(
      await main(["dead-letters", "list", "--data-dir", data, "--app", "nope"], wrongApp.io),
    ).toBe(1);
    expect(wrongApp.err[0]).toMatch(
      /no dead-letter topic nope-dlq in .*: is --app the application id\?/,
    );
    const noLog = capture();
    expect(
      await main(["dead-letters", "list", "--data-dir", join(dir, "none"), "--app", "x"], noLog.io),
    ).toBe(1);
    expect(noLog.err[0]).toMatch(/holds no embedded log/);
  });
});
