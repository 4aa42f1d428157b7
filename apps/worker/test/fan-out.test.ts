// Live fan-out: the work done for subscribers (decodes, payloads, per-record pushes) does not
// grow with their number, clients that never read hold nothing, and every client is told
// exactly what it missed. Deterministic: a fake clock and fake transports.
import { describe, expect, it } from "vitest";
import { type Emission, FanOut, type LiveBatch, type Member } from "../src/live/fan-out";
import { TokenBucket } from "../src/live/token-bucket";

const BATCHES = 40;
const PER_BATCH = 500;
const TICK_MS = 25;

/** A commit's worth of records that counts how often one is decoded. */
function batchOf(from: number, decodes: { n: number }): LiveBatch<number> {
  return {
    size: PER_BATCH,
    record: (i) => {
      decodes.n++;
      return from + i;
    },
  };
}

interface Client {
  member: Member;
  stalled: boolean;
  received: number[];
  dropped: number;
}

/** Publishes BATCHES commits, one tick after each, to `count` clients (the first `stalled` never
 *  read: their transport stays busy). */
function run(count: number, stalled: number, rate = 1000, capacity = 200) {
  const fanOut = new FanOut<number>("d", capacity);
  const clients: Client[] = Array.from({ length: count }, (_, i) => ({
    member: fanOut.join(`s${i}`, rate, []),
    stalled: i < stalled,
    received: [],
    dropped: 0,
  }));
  const byMember = new Map(clients.map((c) => [c.member, c]));
  const decodes = { n: 0 };
  const sends: Emission<number>[] = [];
  let published = 0;
  for (let b = 0; b < BATCHES; b++) {
    fanOut.publish(batchOf(published, decodes));
    published += PER_BATCH;
    expect(decodes.n, "publishing decodes nothing").toBe(fanOut.work.decoded);
    for (const e of fanOut.tick(b * TICK_MS, (m) => !byMember.get(m)!.stalled)) {
      sends.push(e);
      for (const m of e.to) {
        const c = byMember.get(m)!;
        c.received.push(...e.payload.records);
        c.dropped += e.payload.dropped;
      }
    }
  }
  return { fanOut, clients, decodes: decodes.n, sends, published };
}

describe("FanOut", () => {
  it("decodes and builds payloads once per tick for 50 clients as for one", () => {
    const one = run(1, 0);
    const fifty = run(50, 10);
    expect(fifty.decodes).toBe(one.decodes);
    expect(fifty.fanOut.work).toEqual(one.fanOut.work);
    // Each record is decoded at most once, and only those a client's sample takes.
    expect(one.decodes).toBeLessThan(one.published);
    // One shared payload per tick for all 40 readers, not one per client.
    expect(fifty.sends).toHaveLength(BATCHES);
    expect(fifty.sends.every((e) => e.to.length === 40)).toBe(true);
    expect(fifty.clients[10]!.received).toEqual(one.clients[0]!.received);
  });

  it("clients that never read hold no records, only a count", () => {
    const { clients, published } = run(50, 10);
    for (const c of clients.slice(0, 10)) {
      expect(c.received).toEqual([]);
      expect(c.member.missed).toBe(published);
      // Its whole state: no buffer that could grow while it does not read.
      expect(Object.keys(c.member).sort()).toEqual(["droppedTotal", "group", "id", "missed"]);
    }
  });

  it("tells every reading client exactly what it missed, and a stalled one once it drains", () => {
    const { clients, published, fanOut } = run(50, 10);
    for (const c of clients.slice(10)) expect(c.received.length + c.dropped).toBe(published);
    const late: Emission<number>[] = fanOut.tick(BATCHES * TICK_MS, () => true);
    const stalled = clients.slice(0, 10).map((c) => c.member);
    expect(late.map((e) => e.to)).toEqual(stalled.map((m) => [m]));
    expect(late.map((e) => e.payload)).toEqual(
      stalled.map(() => ({ deploymentId: "d", records: [], dropped: published })),
    );
    expect(fanOut.hasWork()).toBe(false);
  });

  it("drops the newest records first: a client gets an in-order prefix of each tick", () => {
    const { clients } = run(1, 0, 1_000_000, 300);
    const got = clients[0]!.received;
    for (let b = 0; b < BATCHES; b++) {
      expect(got.slice(b * 300, (b + 1) * 300)).toEqual(
        Array.from({ length: 300 }, (_, i) => b * PER_BATCH + i),
      );
    }
  });

  it("gives clients with different rates or taps their own sample, and taps only to who asked", () => {
    const fanOut = new FanOut<string>("d", 100);
    const slow = fanOut.join("slow", 10, []);
    const fast = fanOut.join("fast", 1000, ["f"]);
    const alsoFast = fanOut.join("also-fast", 1000, ["f"]);
    fanOut.publish({ size: 50, record: (i) => `sink ${i}` });
    fanOut.publish({ tap: "f", size: 1, record: () => "tap f" });
    fanOut.publish({ tap: "g", size: 1, record: () => "tap g" });
    const sent = fanOut.tick(0, () => true);
    expect(sent).toHaveLength(2);
    const toSlow = sent.find((e) => e.to.includes(slow))!;
    expect(toSlow.payload.records).toHaveLength(10);
    expect(toSlow.payload.dropped).toBe(40);
    const toFast = sent.find((e) => e.to.includes(fast))!;
    expect(toFast.to).toEqual([fast, alsoFast]);
    expect(toFast.payload.records.at(-1)).toBe("tap f");
    expect(toFast.payload.records).toHaveLength(51);
    expect(fanOut.taps()).toEqual(["f"]);
    // 50 sink records decoded once for both groups, plus the tap.
    expect(fanOut.work.decoded).toBe(51);
  });
});

describe("TokenBucket", () => {
  it("allows a second's worth at once, then refills at its rate", () => {
    const bucket = new TokenBucket(10);
    expect(bucket.take(50, 1000)).toBe(10);
    expect(bucket.take(50, 1000)).toBe(0);
    expect(bucket.take(50, 1500)).toBe(5);
    expect(bucket.take(50, 60_000)).toBe(10);
  });
});
