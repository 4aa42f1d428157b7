// The durable embedded log: persistence, atomic commits, retention, compaction, and the
// errors for damaged files and a full disk.

import { spawnSync } from "node:child_process";
import {
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DurableLog, LogCorruptError } from "../../src/log/durable";
import { partitionFor } from "../../src/log/partitioner";

const TSX = join(import.meta.dirname, "../../../../node_modules/.bin/tsx");
const FILL_UNTIL_FULL = join(import.meta.dirname, "fill-until-full.ts");

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "riffle-log-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("DurableLog", () => {
  it("assigns consecutive offsets per partition and reads records back with keys, values, headers and nulls", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("orders", { partitions: 2 });
    const written = await log.append([
      {
        topic: "orders",
        partition: 1,
        timestamp: 10,
        key: enc("a"),
        value: enc("1"),
        headers: { h: "x" },
      },
      { topic: "orders", partition: 1, timestamp: 11, key: null, value: null },
      { topic: "orders", partition: 0, timestamp: 12, key: enc("b"), value: enc("2") },
    ]);
    expect(written.map((r) => [r.partition, r.offset])).toEqual([
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    const p1 = await log.read("orders", 1, 0, 10);
    expect(p1.map((r) => [r.offset, r.timestamp, dec(r.key), dec(r.value), r.headers])).toEqual([
      [0, 10, "a", "1", { h: "x" }],
      [1, 11, null, null, undefined],
    ]);
    expect(await log.read("orders", 1, 1, 10)).toHaveLength(1);
    await log.append([{ topic: "created-by-append", timestamp: 1, key: null, value: null }]);
    expect(log.topicNames()).toEqual(["created-by-append", "orders"]);
    expect(await log.endOffset("orders", 1)).toBe(2);
    await log.close();
  });

  it("reads from any offset across record batches, and retention can cut a batch in two", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("t", { partitions: 1, retentionMs: 1000 });
    await log.append(
      Array.from({ length: 2500 }, (_, i) => ({
        topic: "t",
        partition: 0,
        timestamp: i,
        key: enc(`k${i}`),
        value: enc(`v${i}`),
      })),
    );
    const offsets = async (from: number, max: number) =>
      (await log.read("t", 0, from, max)).map((r) => r.offset);
    expect(await offsets(999, 3)).toEqual([999, 1000, 1001]);
    expect(await offsets(1500, 5000)).toEqual(Array.from({ length: 1000 }, (_, i) => 1500 + i));
    expect(dec((await log.read("t", 0, 2042, 1))[0].value)).toBe("v2042");
    await log.maintain(2200); // deletes timestamps < 1200: a whole batch and part of the next
    expect(await log.startOffset("t", 0)).toBe(1200);
    expect(await offsets(0, 2)).toEqual([1200, 1201]);
    expect(await offsets(1100, 1)).toEqual([1200]);
    expect(await offsets(2499, 10)).toEqual([2499]);
    expect(await offsets(2500, 10)).toEqual([]);
    await log.close();
  });

  it("partitions keyed records with Kafka's murmur2 partitioner, like every other log", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("t", { partitions: 6 });
    const keys = ["k1", "k2", "k3", "k4", "k5"];
    const written = await log.append(
      keys.map((k) => ({ topic: "t", timestamp: 0, key: enc(k), value: null })),
    );
    expect(written.map((r) => r.partition)).toEqual(keys.map((k) => partitionFor(enc(k), 6)));
    await log.close();
  });

  it("keeps records, topics and committed offsets across a reopen", async () => {
    const dir = tempDir();
    const first = new DurableLog({ dir });
    await first.createTopic("in", { partitions: 1 });
    await first.commit({
      applicationId: "app",
      records: [{ topic: "out", partition: 0, timestamp: 5, key: enc("k"), value: enc("v") }],
      offsets: [{ topic: "in", partition: 0, offset: 7 }],
    });
    await first.close();
    const again = new DurableLog({ dir });
    expect(await again.partitions("in")).toBe(1);
    expect(await again.committed("app", "in", 0)).toBe(7);
    expect(await again.committed("other-app", "in", 0)).toBeUndefined();
    expect((await again.read("out", 0, 0, 10)).map((r) => dec(r.value))).toEqual(["v"]);
    await again.close();
  });

  it("exactly-once: a commit that fails part-way writes none of its records or offsets", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("out", { partitions: 1 });
    const failing = log.commit({
      applicationId: "app",
      records: [
        { topic: "out", partition: 0, timestamp: 1, key: null, value: enc("first") },
        { topic: "out", partition: 3, timestamp: 1, key: null, value: enc("no such partition") },
      ],
      offsets: [{ topic: "in", partition: 0, offset: 1 }],
    });
    await expect(failing).rejects.toThrow(/no partition 3/);
    expect(await log.read("out", 0, 0, 10)).toEqual([]);
    expect(await log.endOffset("out", 0)).toBe(0);
    expect(await log.committed("app", "in", 0)).toBeUndefined();
    await log.close();
  });

  it("writes issued in one turn share a transaction, yet a failing one aborts only its own records", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("out", { partitions: 1 });
    const record = (value: string, partition = 0) => ({
      topic: "out",
      partition,
      timestamp: 1,
      key: null,
      value: enc(value),
    });
    const first = log.append([record("a")]);
    const failing = log.commit({
      applicationId: "app",
      records: [record("b"), record("lost", 3)],
      offsets: [{ topic: "in", partition: 0, offset: 1 }],
    });
    const last = log.append([record("c")]);
    await expect(failing).rejects.toThrow(/no partition 3/);
    expect((await first).map((r) => r.offset)).toEqual([0]);
    expect((await last).map((r) => r.offset)).toEqual([1]);
    expect((await log.read("out", 0, 0, 10)).map((r) => dec(r.value))).toEqual(["a", "c"]);
    expect(await log.committed("app", "in", 0)).toBeUndefined();
    await log.close();
  });

  it("the disk sync runs off the event loop: the event loop turns while a commit is in flight", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("out", { partitions: 1 });
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const done = log.commit({
      applicationId: "app",
      records: [{ topic: "out", partition: 0, timestamp: 1, key: null, value: enc("v") }],
      offsets: [{ topic: "in", partition: 0, offset: 1 }],
    });
    expect(await log.committed("app", "in", 0)).toBeUndefined();
    await done;
    ticking = false;
    // A commit on the event loop (transactionSync) would have settled before any turn ran.
    expect(turns).toBeGreaterThan(0);
    expect(await log.committed("app", "in", 0)).toBe(1);
    await log.close();
  });

  it("retention.ms deletes records older than the limit and advances the start offset", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("events", { partitions: 1, retentionMs: 1000 });
    await log.append(
      [100, 500, 1800, 2500].map((ts) => ({
        topic: "events",
        partition: 0,
        timestamp: ts,
        key: null,
        value: enc(String(ts)),
      })),
    );
    await log.maintain(2000);
    expect((await log.read("events", 0, 0, 10)).map((r) => r.offset)).toEqual([2, 3]);
    expect(await log.startOffset("events", 0)).toBe(2);
    expect(await log.endOffset("events", 0)).toBe(4);
    await log.close();
  });

  it("retention.bytes drops the oldest records until the partition fits", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("events", { partitions: 1, retentionBytes: 150 });
    await log.append(
      Array.from({ length: 5 }, (_, i) => ({
        topic: "events",
        partition: 0,
        timestamp: i,
        key: null,
        value: new Uint8Array(40),
      })),
    );
    await log.maintain(0);
    const left = await log.read("events", 0, 0, 10);
    expect(left.map((r) => r.offset)).toEqual([3, 4]);
    await log.close();
  });

  it("compaction of a changelog keeps only the latest record per key, offsets keep their gaps", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("app-store-changelog", { partitions: 1, compacted: true });
    await log.append(
      [
        ["a", "1"],
        ["b", "1"],
        ["a", "2"],
        ["b", null],
        ["c", "1"],
      ].map(([k, v]) => ({
        topic: "app-store-changelog",
        partition: 0,
        timestamp: 0,
        key: enc(k as string),
        value: v === null ? null : enc(v as string),
      })),
    );
    await log.maintain(0);
    const left = await log.read("app-store-changelog", 0, 0, 10);
    expect(left.map((r) => [r.offset, dec(r.key), dec(r.value)])).toEqual([
      [2, "a", "2"],
      [3, "b", null],
      [4, "c", "1"],
    ]);
    await log.close();
  });

  it("a window store's changelog (Kafka's compact,delete) is compacted, then loses what is past retention.ms", async () => {
    const log = new DurableLog({ dir: tempDir() });
    await log.createTopic("app-w-changelog", { partitions: 1, compacted: true, retentionMs: 1000 });
    await log.append(
      [
        ["a", 100],
        ["b", 500],
        ["a", 2500],
        ["c", 1800],
      ].map(([k, ts]) => ({
        topic: "app-w-changelog",
        partition: 0,
        timestamp: ts as number,
        key: enc(k as string),
        value: enc(String(ts)),
      })),
    );
    await log.maintain(2000);
    // compaction drops a@100; retention then drops b@500 (older than 2000 - 1000)
    const left = await log.read("app-w-changelog", 0, 0, 10);
    expect(left.map((r) => [r.offset, dec(r.key)])).toEqual([
      [2, "a"],
      [3, "c"],
    ]);
    await log.close();
  });

  it("refuses a data file that is not an LMDB file, naming the file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "log.mdb"), Buffer.alloc(64 * 1024, 7));
    expect(() => new DurableLog({ dir })).toThrow(LogCorruptError);
    expect(() => new DurableLog({ dir })).toThrow(join(dir, "log.mdb"));
  });

  it("refuses a truncated data file at start, naming the file", async () => {
    const dir = tempDir();
    const log = new DurableLog({ dir });
    await log.append(
      Array.from({ length: 2000 }, (_, i) => ({
        topic: "t",
        partition: 0,
        timestamp: i,
        key: null,
        value: new Uint8Array(200),
      })),
    );
    await log.close();
    const file = join(dir, "log.mdb");
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    expect(() => new DurableLog({ dir })).toThrow(/log\.mdb is corrupt: truncated/);
  });

  it("reports a damaged record when reading it instead of skipping or mis-decoding it", async () => {
    const dir = tempDir();
    const log = new DurableLog({ dir });
    const marker = "RIFFLE-MARKER-VALUE";
    await log.append([{ topic: "t", partition: 0, timestamp: 1, key: null, value: enc(marker) }]);
    await log.close();
    const file = join(dir, "log.mdb");
    const bytes = readFileSync(file);
    const at = bytes.indexOf(marker);
    expect(at).toBeGreaterThan(0);
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.from("X"), 0, 1, at);
    const reopened = new DurableLog({ dir });
    await expect(reopened.read("t", 0, 0, 10)).rejects.toThrow(/corrupt: record t-0@0/);
    await reopened.close();
  });

  it("a full disk refuses the commit with a clear error and loses no acknowledged record", () => {
    // A real full filesystem: a 2 MiB tmpfs in a private mount namespace (CI runs as root).
    const dir = tempDir();
    const child = spawnSync(
      "unshare",
      [
        "--mount",
        "sh",
        "-c",
        `mount -t tmpfs -o size=2m tmpfs "${dir}" && exec "${TSX}" "${FILL_UNTIL_FULL}" "${dir}/log"`,
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    const line = child.stdout.split("\n").find((l) => l.startsWith("{"));
    expect(line, `child output: ${child.stdout}${child.stderr}`).toBeDefined();
    const result = JSON.parse(line as string);
    expect(result.error.name).toBe("LogFullError");
    expect(result.error.message).toMatch(/log\.mdb is full: the commit was refused/);
    expect(result.acknowledged).toBeGreaterThan(100);
    expect(result.reopened).toBe(result.acknowledged);
    expect(result.intact).toBe(true);
  });
});
