// Live output over socket.io: a deployment on the embedded runtime fed by sample data reaches a
// subscriber as records, metrics and status changes; taps and the token apply to sockets too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestWorker, type TestWorker } from "./harness";
import { connect, type Tally, until } from "./live-client";

const pglite = { name: "pglite" as const };

async function deploySampleCopy(w: TestWorker, sample: string, sink: string) {
  const samples = await call(w, "GET", "/samples");
  const topic = samples.body.find((s: { name: string }) => s.name === sample).topic;
  const document = {
    format: "riffle.topology/v1",
    name: `${sample} copy`,
    topics: [topic],
    nodes: [
      { id: "src", kind: "stream-source", config: { topic: sample } },
      { id: "out", kind: "sink", config: { topic: sink } },
    ],
    edges: [{ id: "e1", from: { node: "src" }, to: { node: "out" } }],
  };
  const t = await call(w, "POST", "/topologies", { name: document.name, document });
  const dep = await call(w, "POST", "/deployments", { topologyId: t.body.id });
  expect(dep.body.status).toBe("running");
  return dep.body.id as string;
}

describe("live output with sample data", () => {
  let w: TestWorker;
  let client: Tally;
  beforeAll(async () => {
    w = await startTestWorker(pglite, { env: { RIFFLE_SAMPLES: "on" } });
  });
  afterAll(async () => {
    client?.close();
    await w?.stop();
  });

  it("streams sink records and per-second metrics of an embedded deployment to a subscriber", async () => {
    await call(w, "POST", "/samples/orders/start", { rate: 200 });
    const id = await deploySampleCopy(w, "orders", "orders-live");
    client = await connect(w.url);
    expect(await client.subscribe(id)).toEqual({ ok: true, status: "running" });

    await until("records", () => client.received >= 20);
    const r = client.records[0];
    expect(r).toMatchObject({ nodeId: "out", topic: "orders-live" });
    expect(r.value.orderId).toMatch(/^O\d+$/);
    expect(typeof r.key).toBe("string");
    expect(r).toHaveProperty("partition");

    await until("metrics", () =>
      client.metrics.some((m) => m.nodes.some((n: any) => n.nodeId === "out" && n.recordsIn > 0)),
    );
    const m = client.metrics.at(-1);
    expect(m).toMatchObject({ deploymentId: id, lateDrops: 0, deadLetters: 0 });
    expect(m.nodes.find((n: any) => n.nodeId === "src").rateIn).toBeGreaterThanOrEqual(0);

    await call(w, "POST", `/deployments/${id}/stop`);
    await until("stopped status", () => client.statuses.includes("stopped"));
  });

  it("sends a tapped node's output only to the client that tapped it", async () => {
    const id = await deploySampleCopy(w, "sensors", "sensors-live");
    const tapper = await connect(w.url);
    const plain = await connect(w.url);
    try {
      await tapper.subscribe(id, { taps: ["src"] });
      await plain.subscribe(id);
      await until("tapped records", () => tapper.records.some((r) => r.nodeId === "src"));
      const tapped = tapper.records.find((r) => r.nodeId === "src");
      expect(tapped.topic).toBeUndefined();
      await until("plain records", () => plain.received >= 5);
      expect(plain.records.every((r) => r.nodeId === "out")).toBe(true);
    } finally {
      tapper.close();
      plain.close();
    }
  });

  it("refuses a subscription to an unknown deployment", async () => {
    const c = await connect(w.url);
    try {
      expect(await c.subscribe("00000000-0000-4000-8000-000000000000")).toMatchObject({
        ok: false,
      });
    } finally {
      c.close();
    }
  });

  it("tells connected clients when the worker shuts down", async () => {
    const c = await connect(w.url);
    const told = new Promise((resolve) => c.socket.once("shutdown", resolve));
    await w.stop();
    expect(await told).toMatchObject({ reason: "test finished" });
    c.close();
  });
});

describe("socket handshake with RIFFLE_TOKEN", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker(pglite, { env: { RIFFLE_TOKEN: "s3cret" } });
  });
  afterAll(() => w?.stop());

  it("refuses a connection without the token and accepts one with it", async () => {
    await expect(connect(w.url)).rejects.toThrow(/unauthorized/);
    await expect(connect(w.url, { token: "wrong" })).rejects.toThrow(/unauthorized/);
    const ok = await connect(w.url, { token: "s3cret" });
    expect(ok.socket.connected).toBe(true);
    ok.close();
  });
});
