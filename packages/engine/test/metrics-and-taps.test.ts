// Per-node counters (records in/out, drops, dead letters) and taps as the worker reads them:
// they must stay exact however the runtime wires, fuses or counts the processor graph.
import { describe, expect, it } from "vitest";
import {
  Branched,
  Consumed,
  fieldTimestamp,
  jsonSerde,
  Named,
  Produced,
  StreamsBuilder,
  stringSerde,
  type TappedRecord,
  TimeWindows,
  TopologyTestDriver,
  utf8Encode,
} from "../src/index";

type Build = (b: StreamsBuilder) => void;

function driver(define: Build, topicPartitions?: Record<string, number>): TopologyTestDriver {
  const b = new StreamsBuilder();
  define(b);
  return new TopologyTestDriver(b.build({ applicationId: "m", topicPartitions }));
}

/** [recordsIn, recordsOut] of each named node. */
function inOut(d: TopologyTestDriver, ...names: string[]): [number, number][] {
  const nodes = d.metrics().nodes;
  return names.map((n) => [nodes[n]?.recordsIn, nodes[n]?.recordsOut]);
}

const src = (name: string) => Consumed.with(stringSerde(), jsonSerde()).withName(name);
const sink = (name: string) => Produced.with(stringSerde(), jsonSerde()).withName(name);

describe("node metrics", () => {
  it("a fused chain counts each step: a filter's records out are its successor's records in", () => {
    const d = driver((b) =>
      b
        .stream("in", src("src"))
        .filter((_k, v: number) => v > 0, Named.as("pos"))
        .mapValues((v: number) => v * 2, Named.as("dbl"))
        .filter((_k, v: number) => v > 4, Named.as("big"))
        .to("out", sink("sink")),
    );
    for (const v of [1, -1, 3, 2, 5]) d.pipeInput("in", "k", v, 1);
    expect(inOut(d, "src", "pos", "dbl", "big", "sink")).toEqual([
      [5, 5],
      [5, 4],
      [4, 4],
      [4, 2],
      [2, 0],
    ]);
  });

  it("split counts per branch: each branch child receives only the records routed to its port", () => {
    const d = driver((b) => {
      const branches = b
        .stream("in", src("src"))
        .split(Named.as("r-"))
        .branch((_k, v: number) => v < 10, Branched.as("small"))
        .defaultBranch(Branched.as("large"));
      branches["r--small"].to("small", sink("s1"));
      branches["r--large"].to("large", sink("s2"));
    });
    for (const v of [5, 50, 500, 7, 8]) d.pipeInput("in", "k", v, 1);
    expect(inOut(d, "r-", "r--small", "r--large", "s1", "s2")).toEqual([
      [5, 5],
      [3, 3],
      [2, 2],
      [3, 0],
      [2, 0],
    ]);
  });

  it("merge and fan-out: a node's records in are what all its parents sent it", () => {
    const d = driver((b) => {
      const a = b.stream("a", src("a"));
      const merged = a.merge(b.stream("b", src("b")), Named.as("merge"));
      merged.mapValues((v: number) => v + 1, Named.as("inc")).to("out", sink("o1"));
      merged.peek(() => {}, Named.as("look")).to("out2", sink("o2"));
    });
    d.pipeInput("a", "k", 1, 1);
    d.pipeInput("b", "k", 2, 2);
    d.pipeInput("a", "k", 3, 3);
    expect(inOut(d, "a", "b", "merge", "inc", "look", "o1", "o2")).toEqual([
      [2, 2],
      [1, 1],
      [3, 3],
      [3, 3],
      [3, 3],
      [3, 0],
      [3, 0],
    ]);
  });

  it("a step with two children ends its chain: each child receives every record the step passes", () => {
    const d = driver((b) => {
      const kept = b.stream("in", src("src")).filter((_k, v: number) => v > 0, Named.as("pos"));
      kept.to("a", sink("a"));
      kept.mapValues((v: number) => -v, Named.as("neg")).to("b", sink("b"));
    });
    for (const v of [1, -2, 3]) d.pipeInput("in", "k", v, 1);
    expect(inOut(d, "pos", "a", "neg", "b")).toEqual([
      [3, 2],
      [2, 0],
      [2, 2],
      [2, 0],
    ]);
  });

  it("records a processor forwards from a punctuator count as its output and its child's input", () => {
    const d = driver((b) =>
      b
        .stream("in", src("src"))
        .process((ctx, out) => {
          ctx.schedule(10, "wall-clock", (t) => out.all("tick", t, t));
          return () => {};
        }, Named.as("ticker"))
        .to("out", sink("sink")),
    );
    d.pipeInput("in", "k", 1, 1);
    d.advanceWallClockTime(25);
    expect(inOut(d, "ticker", "sink")).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });

  it("stateful nodes: late records past grace are counted as drops, not forwarded", () => {
    const d = driver((b) =>
      b
        .stream("in", src("src"))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 0))
        .count(Named.as("count"))
        .toStream(Named.as("changes"))
        .to("out", sink("sink")),
    );
    d.pipeInput("in", "k", 1, 5);
    d.pipeInput("in", "k", 1, 25);
    d.pipeInput("in", "k", 1, 3); // window [0, 10) closed at stream time 25 with no grace
    const nodes = d.metrics().nodes;
    expect(nodes.count).toEqual({ recordsIn: 3, recordsOut: 2, dropped: 1 });
    expect(inOut(d, "changes", "sink")).toEqual([
      [2, 2],
      [2, 0],
    ]);
  });

  it("a source counts dead-lettered records in but not out; they are counted as dead letters", () => {
    const d = driver((b) =>
      b
        .stream(
          "in",
          Consumed.with(stringSerde(), jsonSerde())
            .withName("src")
            .withTimestampExtractor(fieldTimestamp("ts")),
        )
        .to("out", sink("sink")),
    );
    d.pipeRaw({ topic: "in", key: utf8Encode("k"), value: utf8Encode("{bad"), timestamp: 1 });
    d.pipeInput("in", "k", { other: 1 }, 0);
    d.pipeInput("in", "k", { ts: 4 }, 0);
    const m = d.metrics();
    expect(inOut(d, "src", "sink")).toEqual([
      [3, 1],
      [1, 0],
    ]);
    expect([m.deadLetters, m.droppedRecords]).toEqual([2, 1]);
  });

  it("tasks of one sub-topology add up into one counter per node", () => {
    const d = driver(
      (b) =>
        b
          .stream("in", src("src"))
          .filter((k: string) => k !== "x", Named.as("keep"))
          .to("out", sink("sink")),
      { in: 3, out: 3 },
    );
    for (const k of ["a", "b", "c", "x", "d", "e"]) d.pipeInput("in", k, 1, 1);
    expect(inOut(d, "src", "keep", "sink")).toEqual([
      [6, 6],
      [6, 5],
      [5, 0],
    ]);
  });
});

describe("taps", () => {
  function tapped(d: TopologyTestDriver, node: string): TappedRecord[] {
    const seen: TappedRecord[] = [];
    d.taps.tap(node, (r) => seen.push(r));
    return seen;
  }

  it("a tap sees what a node outputs, with the input record's topic, partition and offset", () => {
    const d = driver((b) =>
      b
        .stream("in", src("src"))
        .filter((_k, v: number) => v > 1, Named.as("pos"))
        .mapValues((v: number) => v * 10, Named.as("x10"))
        .groupByKey()
        .count(Named.as("count"))
        .toStream(Named.as("changes"))
        .to("out", sink("sink")),
    );
    const [source, pos, x10, changes] = ["src", "pos", "x10", "changes"].map((n) => tapped(d, n));
    d.pipeInput("in", "k", 1, 7);
    d.pipeInput("in", "k", 2, 8);
    expect(source.map((r) => [r.key, r.value, r.timestamp, r.offset])).toEqual([
      ["k", 1, 7, 0],
      ["k", 2, 8, 1],
    ]);
    expect(pos.map((r) => r.value)).toEqual([2]);
    expect(x10).toEqual([
      { node: "x10", key: "k", value: 20, timestamp: 8, topic: "in", partition: 0, offset: 1 },
    ]);
    expect(changes.map((r) => [r.node, r.value])).toEqual([["changes", 1]]);
  });

  it("a tap added or removed between records takes effect at the next record", () => {
    const d = driver((b) => b.stream("in", src("src")).to("out", sink("sink")));
    d.pipeInput("in", "k", 1, 1);
    const seen: unknown[] = [];
    const untap = d.taps.tap("src", (r) => seen.push(r.value));
    d.pipeInput("in", "k", 2, 2);
    untap();
    d.pipeInput("in", "k", 3, 3);
    expect(seen).toEqual([2]);
  });

  it("a tap on one branch port's child sees only that branch", () => {
    const d = driver((b) => {
      const branches = b
        .stream("in", src("src"))
        .split(Named.as("r-"))
        .branch((_k, v: number) => v < 10, Branched.as("small"))
        .defaultBranch(Branched.as("large"));
      branches["r--small"].to("small", sink("s1"));
      branches["r--large"].to("large", sink("s2"));
    });
    const small = tapped(d, "r--small");
    const split = tapped(d, "r-");
    for (const v of [5, 50, 7]) d.pipeInput("in", "k", v, 1);
    expect(small.map((r) => r.value)).toEqual([5, 7]);
    expect(split.map((r) => r.value)).toEqual([5, 50, 7]);
  });
});
