// Kafka Streams restores a store by replaying its changelog topic: a store rebuilt from the
// changelog records written by the driver must equal the live store, for every store kind.
import { describe, expect, it } from "vitest";
import {
  changelogTopic,
  InMemoryKeyValueStore,
  InMemorySessionStore,
  InMemoryWindowStore,
  JoinWindows,
  Materialized,
  SessionWindows,
  SlidingWindows,
  type StateStore,
  TimeWindows,
  type TopologyTestDriver,
} from "../src/index";
import type { LogRecord, ProducerRecord } from "../src/log/log";
import { ChangelogWriter, decodeChangelog } from "../src/processor/changelog-codec";
import { drive } from "./helpers";

function replay(d: TopologyTestDriver, store: string, fresh: StateStore): StateStore {
  const records = d.log.records(changelogTopic("test", store));
  expect(records.length).toBeGreaterThan(0);
  fresh.restore(records.map(decodeChangelog));
  return fresh;
}

const contents = (s: StateStore) => [...(s as any).all()].map((e: any) => JSON.stringify(e));

describe("changelog replay rebuilds every store kind", () => {
  it("key-value store (count, with deletes from a table tombstone)", () => {
    const d = drive((b) => b.table("t", undefined, Materialized.as("kv")));
    d.pipeInput("t", "a", 1, 1);
    d.pipeInput("t", "b", 2, 2);
    d.pipeInput("t", "a", 3, 3);
    d.pipeInput("t", "b", null, 4);
    const rebuilt = replay(d, "kv", new InMemoryKeyValueStore("kv"));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("kv")));
    expect(rebuilt.size()).toBe(1);
  });

  it("window store (tumbling count)", () => {
    const d = drive((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 100))
        .count(undefined, Materialized.as("w")),
    );
    for (const [k, ts] of [
      ["a", 1],
      ["a", 12],
      ["b", 5],
      ["a", 3],
    ] as const)
      d.pipeInput("s", k, "v", ts);
    const rebuilt = replay(d, "w", new InMemoryWindowStore("w", 110));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("w")));
  });

  it("window stores of hopping and sliding windows (sliding: its record buffer too)", () => {
    const d = drive((b) => {
      const grouped = b.stream("s").groupByKey();
      grouped
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 100).advanceBy(5))
        .count(undefined, Materialized.as("hop"));
      grouped
        .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 100))
        .count(undefined, Materialized.as("slide"));
    });
    for (const [k, ts] of [
      ["a", 1],
      ["b", 4],
      ["a", 12],
      ["a", 7],
      ["b", 30],
      ["a", 3],
    ] as const)
      d.pipeInput("s", k, "v", ts);
    const buffer = [...d.topology.stores.keys()].find((n) =>
      n.startsWith("KSTREAM-SLIDING-BUFFER"),
    )!;
    for (const [name, fresh] of [
      ["hop", new InMemoryWindowStore("hop", 110)],
      ["slide", new InMemoryWindowStore("slide", 111)],
      [buffer, new InMemoryWindowStore(buffer, 122, true)],
    ] as const) {
      const rebuilt = replay(d, name, fresh);
      expect(contents(rebuilt)).toEqual(contents(d.getStore(name)));
      expect(rebuilt.size()).toBe(d.getStore(name).size());
    }
  });

  it("session store (merges remove sessions: the changelog carries the removals)", () => {
    const d = drive((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 100))
        .count(undefined, Materialized.as("sess")),
    );
    for (const ts of [0, 10, 5, 30]) d.pipeInput("s", "k", "v", ts);
    const rebuilt = replay(d, "sess", new InMemorySessionStore("sess", 105));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("sess")));
    expect(rebuilt.size()).toBe(2);
  });

  it("join window stores with duplicates (stream-stream join buffers)", () => {
    const d = drive((b) =>
      b
        .stream("l")
        .join(b.stream("r"), (x, y) => [x, y], JoinWindows.ofTimeDifferenceWithNoGrace(10))
        .to("out"),
    );
    d.pipeInput("l", "k", "a", 1);
    d.pipeInput("l", "k", "b", 1);
    const name = "KSTREAM-JOIN-0000000002-this-join-store";
    const rebuilt = replay(d, name, new InMemoryWindowStore(name, 21, true));
    expect(contents(rebuilt)).toEqual(contents(d.getStore(name)));
    expect(rebuilt.size()).toBe(2);
  });

  it("suppression buffer (key-value store keyed by buffer time)", () => {
    const d = drive((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 100))
        .count()
        .suppress({ until: "window-close", name: "final" })
        .toStream()
        .to("out"),
    );
    d.pipeInput("s", "a", "v", 1);
    d.pipeInput("s", "b", "v", 2);
    const rebuilt = replay(d, "final-store", new InMemoryKeyValueStore("final-store"));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("final-store")));
  });
});

describe("window store changelog keys (Kafka's WindowKeySchema: key, 8-byte start, 4-byte seqnum)", () => {
  const START = 1_700_000_040_000;

  function logged(store: InMemoryWindowStore): ChangelogWriter {
    const writer = new ChangelogWriter("w-changelog", 0);
    store.init(writer);
    return writer;
  }

  const asLog = (records: ProducerRecord[]): LogRecord[] =>
    records.map((r, offset) => ({ ...r, partition: 0, offset }) as LogRecord);

  it("a string key is its UTF-8 bytes behind a tag byte, then the start and seqnum big-endian", () => {
    const store = new InMemoryWindowStore("w", 60_000);
    const writer = logged(store);
    store.put("é", 7, START, START);
    store.flush();
    const [record] = [...writer.drain()];
    const key = Buffer.from(record.key!);
    expect(key.subarray(0, 3)).toEqual(Buffer.from([0x00, 0xc3, 0xa9]));
    expect(key.readBigInt64BE(3)).toBe(BigInt(START));
    expect(key.readUInt32BE(11)).toBe(0);
    expect(key.length).toBe(15);
    expect(Buffer.from(record.value!).toString()).toBe("7");
  });

  it("non-string keys and duplicates rebuild exactly (seqnum keeps duplicates apart)", () => {
    for (const duplicates of [false, true]) {
      const store = new InMemoryWindowStore("w", 60_000, duplicates);
      const writer = logged(store);
      const keys: unknown[] = ["a", 42, { id: 1, name: "x" }, ["x", 2], true, ""];
      for (const [i, k] of keys.entries()) store.put(k, { n: i }, START + i, START + i);
      store.put(42, { n: "again" }, START + 1, START + 9);
      store.flush();
      const records = [...writer.drain()];
      expect(new Set(records.map((r) => Buffer.from(r.key!).toString("hex"))).size).toBe(
        duplicates ? 7 : 6,
      );
      const rebuilt = new InMemoryWindowStore("w", 60_000, duplicates);
      rebuilt.restore(asLog(records).map(decodeChangelog));
      expect(contents(rebuilt)).toEqual(contents(store));
      expect(rebuilt.fetch(42, START + 1)?.value).toEqual(duplicates ? { n: 1 } : { n: "again" });
    }
  });

  it("a deleted window is logged as a tombstone and stays deleted after restore", () => {
    const store = new InMemoryWindowStore("w", 60_000);
    const writer = logged(store);
    store.put({ k: 1 }, 1, START, START);
    store.flush();
    store.put({ k: 1 }, null, START, START + 1);
    store.flush();
    const records = [...writer.drain()];
    expect(records.map((r) => r.value === null)).toEqual([false, true]);
    const rebuilt = new InMemoryWindowStore("w", 60_000);
    rebuilt.restore(asLog(records).map(decodeChangelog));
    expect(rebuilt.size()).toBe(0);
  });

  it("writes of one window between commits are logged in order (delete then put again)", () => {
    const store = new InMemoryWindowStore("w", 60_000);
    const writer = logged(store);
    store.put("a", 1, START, START);
    store.flush();
    store.put("a", null, START, START + 1);
    store.put("b", 5, START + 30_000, START + 30_000);
    store.put("a", 2, START, START + 2);
    store.flush();
    const rebuilt = new InMemoryWindowStore("w", 60_000);
    rebuilt.restore(asLog([...writer.drain()]).map(decodeChangelog));
    expect(contents(rebuilt)).toEqual(contents(store));
    expect(rebuilt.fetch("a", START)?.value).toBe(2);
  });

  it("a window expired before the commit is not logged, and the restored store is the same", () => {
    const store = new InMemoryWindowStore("w", 1000);
    const writer = logged(store);
    store.put("a", 1, START, START);
    store.put("b", 2, START + 5000, START + 5000);
    store.flush();
    const records = [...writer.drain()];
    expect(records).toHaveLength(1);
    const rebuilt = new InMemoryWindowStore("w", 1000);
    rebuilt.restore(asLog(records).map(decodeChangelog));
    expect(contents(rebuilt)).toEqual(contents(store));
  });

  it("JSON-array keys of earlier changelogs still restore", () => {
    const record = {
      topic: "w-changelog",
      partition: 0,
      offset: 0,
      timestamp: START,
      key: Buffer.from(JSON.stringify(["a", START])),
      value: Buffer.from("3"),
    } as LogRecord;
    const rebuilt = new InMemoryWindowStore("w", 60_000);
    rebuilt.restore([decodeChangelog(record)]);
    expect(rebuilt.fetch("a", START)?.value).toBe(3);
  });

  it("key-value changelog records hold exactly the JSON text of key and value, whatever the fast path", () => {
    const writer = new ChangelogWriter("kv-changelog", 0);
    const keys = [
      "plain",
      'with "quotes"',
      "back\\slash",
      "tab\there",
      "café",
      "k".repeat(40),
      7,
      ["a", 1],
    ];
    const values = [0, 1, 1023, 1024, -1, 2.5, -0, 1e21, "1", { n: 1 }];
    const pairs = keys.flatMap((key) => values.map((value) => ({ key, value })));
    for (const { key, value } of pairs) writer.log(key, value, 1);
    const records = [...writer.drain()];
    expect(records.map((r) => Buffer.from(r.key!).toString())).toEqual(
      pairs.map((p) => JSON.stringify(p.key)),
    );
    expect(records.map((r) => Buffer.from(r.value!).toString())).toEqual(
      pairs.map((p) => JSON.stringify(p.value)),
    );
    expect(
      asLog(records)
        .map(decodeChangelog)
        .map((e) => ({ key: e.key, value: e.value })),
    ).toEqual(pairs.map((p) => ({ key: p.key, value: Object.is(p.value, -0) ? 0 : p.value })));
  });

  it("a drained batch keeps its records while the writer goes on filling the same chunk", () => {
    const writer = new ChangelogWriter("kv-changelog", 3);
    writer.log("a", 1, 1_700_000_000_123);
    writer.log("b", null, -5);
    const first = writer.drain();
    writer.log("c", { n: 3 }, 7);
    const second = writer.drain();
    expect(writer.drain().length).toBe(0);
    const read = (batch: Iterable<ProducerRecord>) =>
      [...batch].map((r) => ({
        topic: r.topic,
        partition: r.partition,
        timestamp: r.timestamp,
        key: Buffer.from(r.key!).toString(),
        value: r.value === null ? null : Buffer.from(r.value).toString(),
      }));
    expect([first.length, second.length]).toEqual([2, 1]);
    // read twice: a batch is read by the log, then again by a retry
    for (let i = 0; i < 2; i++) {
      expect(read(first)).toEqual([
        {
          topic: "kv-changelog",
          partition: 3,
          timestamp: 1_700_000_000_123,
          key: '"a"',
          value: "1",
        },
        { topic: "kv-changelog", partition: 3, timestamp: -5, key: '"b"', value: null },
      ]);
    }
    expect(read(second)).toEqual([
      { topic: "kv-changelog", partition: 3, timestamp: 7, key: '"c"', value: '{"n":3}' },
    ]);
  });

  it("records across chunk boundaries and values larger than a chunk decode intact", () => {
    const writer = new ChangelogWriter("kv-changelog", 0);
    const big = "x".repeat(200_000);
    const written = Array.from({ length: 3000 }, (_, i) => ({
      key: `k${i}`,
      value: { i, s: "é" },
    }));
    for (const { key, value } of written) writer.log(key, value, 1);
    writer.log("big", big, 2);
    writer.logWindow("w", START, 0, big, 3);
    const decoded = asLog([...writer.drain()]).map(decodeChangelog);
    expect(decoded.slice(0, 3000).map((e) => ({ key: e.key, value: e.value }))).toEqual(written);
    expect(decoded[3000]).toEqual({ key: "big", value: big, timestamp: 2 });
    expect(decoded[3001]).toEqual({ key: ["w", START], value: big, timestamp: 3 });
  });
});
