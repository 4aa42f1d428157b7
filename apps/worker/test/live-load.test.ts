// Fifty subscribers, ten of which stop reading: processing is not held back, the work done for
// them does not depend on their number (each record decoded at most once, each payload encoded
// once for all who get it), what the worker holds per client stays bounded, and each client is
// told exactly how many records it missed (received + dropped = produced, for readers and for
// stalled clients once they read again).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, passThrough, startTestWorker, type TestWorker } from "./harness";
import { connect, type Tally, until } from "./live-client";

const CLIENTS = 50;
const STALLED = 10;
const RECORDS = 3000;
const CAPACITY = 200;
const PAD = "x".repeat(4096);

describe("50 live clients, 10 never reading", () => {
  let w: TestWorker;
  let clients: Tally[] = [];
  beforeAll(async () => {
    w = await startTestWorker(
      { name: "pglite" },
      { hub: { queueCapacity: CAPACITY, defaultRate: 1_000_000, maxRatePerClient: 1_000_000 } },
    );
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await w?.stop();
  });

  it("keeps buffers bounded, fan-out work independent of clients and drop counts exact", async () => {
    const t = await call(w, "POST", "/topologies", {
      name: "load",
      document: passThrough("load-in", "load-out"),
    });
    const id = (await call(w, "POST", "/deployments", { topologyId: t.body.id })).body.id;
    clients = await Promise.all(Array.from({ length: CLIENTS }, () => connect(w.url, { keep: 0 })));
    const stalled = clients.slice(0, STALLED);
    const readers = clients.slice(STALLED);
    // Readers take at most 100 records/s: a browser's share; stalled ones take everything offered.
    await Promise.all(stalled.map((c) => c.subscribe(id)));
    await Promise.all(readers.map((c) => c.subscribe(id, { maxRate: 100 })));
    for (const c of stalled) c.stall();

    // Every records packet socket.io serialises, and how many records it carries.
    const encoder = w.hub.io.encoder;
    const encode = encoder.encode.bind(encoder);
    const packets: number[] = [];
    encoder.encode = (packet) => {
      if (packet.data?.[0] === "records") packets.push(packet.data[1].records.length);
      return encode(packet);
    };

    let maxPending = 0;
    for (let i = 0; i < RECORDS; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => ({
        key: `k${i + j}`,
        value: { n: i + j, pad: PAD },
      }));
      await w.services.topics.append("load-in", batch);
      await new Promise((r) => setTimeout(r, 10));
      for (const s of w.hub.stats()) maxPending = Math.max(maxPending, s.pendingPackets);
    }
    const sinkCount = async () => {
      const m = await call(w, "GET", `/deployments/${id}/metrics`);
      return m.body.nodes.find((n: { nodeId: string }) => n.nodeId === "out")?.recordsIn ?? 0;
    };
    await until("all records processed", async () => (await sinkCount()) >= RECORDS);

    expect(await sinkCount()).toBe(RECORDS);
    // engine.io holds at most the batch in flight (+ a ping) for a client that is not reading,
    // and a batch holds at most CAPACITY records: that is all the worker keeps for a client.
    expect(maxPending).toBeLessThanOrEqual(2);
    expect(Math.max(...packets)).toBeLessThanOrEqual(CAPACITY);

    const settled = (c: Tally) => c.received + c.dropped === RECORDS;
    await until("readers settled", () => readers.every(settled));
    for (const c of readers) expect(c.dropped).toBeGreaterThan(0);

    const stalledStats = w.hub
      .stats()
      .filter((s) => stalled.some((c) => c.socket.id === s.socketId));
    expect(stalledStats).toHaveLength(STALLED);
    for (const s of stalledStats) {
      // Their TCP buffers are full, so the worker is not writing to them at all...
      expect(s.writable).toBe(false);
      expect(s.pendingPackets).toBeLessThanOrEqual(2);
      // ...and what they miss is only counted.
      expect(s.dropped).toBeGreaterThan(0);
    }

    for (const c of stalled) c.resume();
    await until("stalled clients settled", () => stalled.every(settled));
    for (const c of stalled) {
      expect(c.dropped).toBeGreaterThan(0);
      expect(c.received).toBeGreaterThan(0);
    }

    // 50 clients in two sampling groups: each record decoded at most once, and socket.io
    // serialised one packet per emission, not one per client that got it.
    const work = w.hub.work();
    expect(work.decoded).toBeLessThanOrEqual(RECORDS);
    expect(packets).toHaveLength(work.emissions);
    const received = clients.reduce((sum, c) => sum + c.batches, 0);
    expect(work.emissions).toBeLessThan(received);
  });
});
