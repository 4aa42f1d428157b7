// Log#deleteRecords, Kafka's Admin#deleteRecords, on both embedded logs: records below the
// offset go, the start offset moves there, the end offset and later records stay.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Log, MemoryLog } from "../../src";
import { DurableLog } from "../../src/log/durable";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function durable(dir = mkdtempSync(join(tmpdir(), "riffle-delete-"))): DurableLog {
  dirs.push(dir);
  return new DurableLog({ dir });
}

async function fill(log: Log, count: number): Promise<void> {
  await log.createTopic("t", { partitions: 2 });
  // one append: the durable log stores 1000 records a batch, so 2500 records make 3 batches
  const records = Array.from({ length: count }, (_, i) => ({
    topic: "t",
    partition: 0,
    timestamp: i,
    key: null,
    value: new Uint8Array([i % 251]),
  }));
  await log.append([...records, { ...records[0], partition: 1 }]);
}

describe.each([
  ["memory", () => new MemoryLog() as Log],
  ["durable", () => durable() as Log],
])("%s log: deleteRecords (Kafka's Admin#deleteRecords)", (_kind, open) => {
  it("drops a partition's records below the offset, across batches; later reads start there", async () => {
    const log = open();
    await fill(log, 2500);
    await log.deleteRecords([{ topic: "t", partition: 0, offset: 1500 }]);
    const left = await log.read("t", 0, 0, 5000);
    expect(left.map((r) => r.offset)).toEqual(Array.from({ length: 1000 }, (_, i) => 1500 + i));
    expect([...left[0].value!]).toEqual([1500 % 251]);
    expect((await log.read("t", 0, 2400, 10)).map((r) => r.offset)).toEqual(
      Array.from({ length: 10 }, (_, i) => 2400 + i),
    );
    expect(await log.endOffset("t", 0)).toBe(2500);
    expect((await log.read("t", 1, 0, 10)).length).toBe(1); // other partitions untouched
    // an offset at or below the start deletes nothing more; appends go on from the end
    await log.deleteRecords([{ topic: "t", partition: 0, offset: 10 }]);
    await log.append([{ topic: "t", partition: 0, timestamp: 0, key: null, value: null }]);
    expect((await log.read("t", 0, 0, 5000)).map((r) => r.offset).slice(0, 1)).toEqual([1500]);
    expect(await log.endOffset("t", 0)).toBe(2501);
    await log.close();
  });

  it("deleting up to the end offset empties the partition and keeps its offsets", async () => {
    const log = open();
    await fill(log, 20);
    await log.deleteRecords([{ topic: "t", partition: 0, offset: 20 }]);
    expect(await log.read("t", 0, 0, 100)).toEqual([]);
    expect(await log.endOffset("t", 0)).toBe(20);
    const [appended] = await log.append([
      { topic: "t", partition: 0, timestamp: 0, key: null, value: null },
    ]);
    expect(appended.offset).toBe(20);
    await log.close();
  });
});

it("the durable log keeps the deletion across a reopen", async () => {
  const dir = mkdtempSync(join(tmpdir(), "riffle-delete-"));
  const log = durable(dir);
  await fill(log, 1200);
  await log.deleteRecords([{ topic: "t", partition: 0, offset: 1100 }]);
  await log.close();
  const reopened = new DurableLog({ dir });
  expect((await reopened.read("t", 0, 0, 5000)).map((r) => r.offset)[0]).toBe(1100);
  expect(await reopened.startOffset("t", 0)).toBe(1100);
  await reopened.close();
});
