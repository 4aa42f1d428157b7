// Group commit of produce requests on the durable log: one transaction for the appends of one
// event-loop turn, each caller gets its own records back, and a bad request fails alone.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DurableLog, type ProducerRecord } from "@riffle/engine";
import { afterEach, describe, expect, it } from "vitest";
import { AppendBatcher } from "../src/services/append-batcher";

const record = (n: number, partition?: number): ProducerRecord => ({
  topic: "t",
  partition,
  timestamp: n,
  key: new TextEncoder().encode(`k${n}`),
  value: new TextEncoder().encode(String(n)),
});

describe("append batcher", () => {
  let log: DurableLog;
  afterEach(() => log.close());

  function counted() {
    log = new DurableLog({ dir: mkdtempSync(join(tmpdir(), "riffle-batcher-")) });
    const calls: number[] = [];
    const batcher = new AppendBatcher({
      append: (records) => {
        calls.push(records.length);
        return log.append(records);
      },
    });
    return { batcher, calls };
  }

  it("writes the appends of one turn in one transaction and answers each with its own records", async () => {
    const { batcher, calls } = counted();
    await log.createTopic("t", { partitions: 1 });
    const [a, b] = await Promise.all([
      batcher.append([record(1), record(2)]),
      batcher.append([record(3)]),
    ]);
    expect(calls).toEqual([3]);
    expect(a.map((r) => r.offset)).toEqual([0, 1]);
    expect(b.map((r) => [r.offset, r.timestamp])).toEqual([[2, 3]]);
  });

  it("retries a failed group request by request: the bad one fails, the others are written once", async () => {
    const { batcher } = counted();
    await log.createTopic("t", { partitions: 1 });
    const [good, bad] = await Promise.allSettled([
      batcher.append([record(1)]),
      batcher.append([record(2, 5)]),
    ]);
    expect(good.status).toBe("fulfilled");
    expect(bad.status).toBe("rejected");
    expect(String((bad as PromiseRejectedResult).reason)).toContain("no partition 5");
    expect(await log.endOffset("t", 0)).toBe(1);
  });

  it("flushed() waits for the appends accepted so far, so closing the log after it loses none", async () => {
    const { batcher } = counted();
    await log.createTopic("t", { partitions: 1 });
    const pending = batcher.append([record(1), record(2)]);
    await batcher.flushed();
    expect(await log.endOffset("t", 0)).toBe(2);
    await pending;
  });
});
