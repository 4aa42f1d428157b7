import { describe, expect, it } from "vitest";
import {
  inMemoryKeyValueStore,
  type KeyValueStore,
  MemoryLog,
  partitionFor,
  StreamsBuilder,
  TopologyTestDriver,
  utf8Encode,
} from "../src/index";

describe("Processor API: KStream#process with stores and punctuation", () => {
  function driver() {
    const b = new StreamsBuilder().addStateStore(inMemoryKeyValueStore("seen"));
    b.stream("in")
      .process(
        (ctx, out) => {
          const seen = ctx.getStore<KeyValueStore<string, number>>("seen");
          ctx.schedule(10, "stream-time", (time) => out.all("stream-tick", seen.size(), time));
          ctx.schedule(1000, "wall-clock", (time) => out.all("wall-tick", seen.size(), time));
          return (key, _value, ts) => seen.put(key as string, ts, ts);
        },
        undefined,
        ["seen"],
      )
      .to("out");
    return new TopologyTestDriver(b.build({ applicationId: "p" }));
  }

  it("stream-time punctuation fires when stream time passes each interval, not per record", () => {
    const d = driver();
    d.pipeInput("in", "a", 1, 5);
    d.pipeInput("in", "b", 1, 12);
    d.pipeInput("in", "c", 1, 13);
    d.pipeInput("in", "d", 1, 35);
    expect(d.readOutput("out").map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ["stream-tick", 2, 12],
      ["stream-tick", 4, 35],
    ]);
  });

  it("wall-clock punctuation fires on advanceWallClockTime, independent of records", () => {
    const d = driver();
    d.pipeInput("in", "a", 1, 1);
    d.advanceWallClockTime(999);
    expect(d.readOutput("out")).toEqual([]);
    d.advanceWallClockTime(1);
    expect(d.readOutput("out").map((r) => [r.key, r.value])).toEqual([["wall-tick", 1]]);
  });
});

describe("MemoryLog", () => {
  it("commit appends the records and moves committed offsets in one call", async () => {
    const log = new MemoryLog(() => 2);
    await log.createTopic("in", { partitions: 2 });
    await log.commit({
      applicationId: "app",
      records: [{ topic: "out", partition: 1, timestamp: 1, key: null, value: utf8Encode("x") }],
      offsets: [{ topic: "in", partition: 0, offset: 7 }],
    });
    expect(await log.committed("app", "in", 0)).toBe(7);
    expect(await log.committed("other", "in", 0)).toBeUndefined();
    expect((await log.read("out", 1, 0, 10)).map((r) => r.offset)).toEqual([0]);
  });

  it("records without a partition go where Kafka's default partitioner puts them", async () => {
    const log = new MemoryLog(() => 8);
    const key = utf8Encode("customer-42");
    const [stored] = await log.append([{ topic: "t", timestamp: 0, key, value: null }]);
    expect(stored.partition).toBe(partitionFor(key, 8));
  });
});
