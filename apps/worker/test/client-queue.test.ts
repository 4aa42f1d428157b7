// Per-client buffering: bounded, rate-limited, never blocking, and honest about what it dropped.
import { describe, expect, it } from "vitest";
import { ClientQueue } from "../src/live/client-queue";

describe("ClientQueue", () => {
  it("never holds more than its capacity and counts what it refused", () => {
    const q = new ClientQueue<number>(10, 1_000_000);
    for (let i = 0; i < 25; i++) q.offer(i, 0);
    expect(q.size).toBe(10);
    const { items, dropped } = q.drain();
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(dropped).toBe(15);
  });

  it("drops the newest records first, so a client sees an in-order prefix", () => {
    const q = new ClientQueue<number>(3, 1_000_000);
    for (const n of [1, 2, 3, 4]) q.offer(n, 0);
    expect(q.drain().items).toEqual([1, 2, 3]);
  });

  it("reports drops once, then resets the per-batch count but keeps the total", () => {
    const q = new ClientQueue<number>(1, 1_000_000);
    q.offer(1, 0);
    q.offer(2, 0);
    expect(q.drain().dropped).toBe(1);
    expect(q.hasNews()).toBe(false);
    expect(q.drain().dropped).toBe(0);
    expect(q.droppedTotal).toBe(1);
  });

  it("samples down to its rate and refills over time", () => {
    const q = new ClientQueue<number>(1000, 10);
    for (let i = 0; i < 50; i++) q.offer(i, 1000);
    expect(q.drain()).toMatchObject({ dropped: 40 });
    for (let i = 0; i < 50; i++) q.offer(i, 1500);
    expect(q.drain().items).toHaveLength(5);
  });
});
