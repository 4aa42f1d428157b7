import { describe, expect, it } from "vitest";
import { Grouped, Materialized, Suppressed, TimeWindows } from "../src/index";
import { drive, kvt } from "./helpers";

describe("KGroupedStream aggregations", () => {
  it("count emits every update (no cache): one output per input record", () => {
    const d = drive((b) => b.stream("in").groupByKey().count().toStream().to("out"));
    for (const k of ["a", "b", "a"]) d.pipeInput("in", k, "v", 1);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["a", 1, 1],
      ["b", 1, 1],
      ["a", 2, 1],
    ]);
  });

  it("reduce: the first value becomes the aggregate, later ones are reduced in", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .reduce((agg: number, v: number) => agg + v)
        .toStream()
        .to("out"),
    );
    for (const v of [3, 4]) d.pipeInput("in", "k", v, v);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["k", 3, 3],
      ["k", 7, 4],
    ]);
  });

  it("aggregate: result timestamp is the max timestamp seen for the key (KStreamAggregate)", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .aggregate(
          () => [] as number[],
          (_k, v: number, agg: number[]) => [...agg, v],
        )
        .toStream()
        .to("out"),
    );
    d.pipeInput("in", "k", 1, 10);
    d.pipeInput("in", "k", 2, 5);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["k", [1], 10],
      ["k", [1, 2], 10],
    ]);
  });

  it("records with a null key or null value are skipped by aggregations and counted", () => {
    const d = drive((b) => b.stream("in").groupByKey().count().toStream().to("out"));
    d.pipeInput("in", null, "v", 1);
    d.pipeInput("in", "k", null, 1);
    expect(d.readOutput("out")).toEqual([]);
    expect(Object.values(d.metrics().nodes).reduce((n, c) => n + c.dropped, 0)).toBe(2);
  });

  it("cogroup: several grouped streams update one aggregate", () => {
    const d = drive((b) => {
      const clicks = b.stream("clicks").groupByKey();
      const views = b.stream("views").groupByKey();
      clicks
        .cogroup((_k, _v, agg: { c: number; v: number }) => ({ ...agg, c: agg.c + 1 }))
        .cogroup(views, (_k, _v, agg: { c: number; v: number }) => ({ ...agg, v: agg.v + 1 }))
        .aggregate(() => ({ c: 0, v: 0 }))
        .toStream()
        .to("out");
    });
    d.pipeInput("clicks", "u", "x", 1);
    d.pipeInput("views", "u", "y", 2);
    d.pipeInput("views", "u", "y", 3);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([
      { c: 1, v: 0 },
      { c: 1, v: 1 },
      { c: 1, v: 2 },
    ]);
  });
});

describe("KGroupedTable aggregations (adder and subtractor)", () => {
  const regionCounts = () =>
    drive((b) =>
      b
        .table("users")
        .groupBy(
          (user: string, region: string) => ({ key: region, value: user }),
          Grouped.as("by-region"),
        )
        .count()
        .toStream()
        .to("out"),
    );

  it("a row moving between groups is subtracted from the old group, then added to the new one", () => {
    const d = regionCounts();
    d.pipeInput("users", "alice", "eu", 1);
    d.pipeInput("users", "bob", "eu", 2);
    d.pipeInput("users", "alice", "us", 3);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["eu", 1, 1],
      ["eu", 2, 2],
      ["eu", 1, 3],
      ["us", 1, 3],
    ]);
  });

  it("a tombstone in the source table subtracts the row from its group", () => {
    const d = regionCounts();
    d.pipeInput("users", "alice", "eu", 1);
    d.pipeInput("users", "alice", null, 2);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["eu", 1, 1],
      ["eu", 0, 2],
    ]);
  });

  it("KGroupedTable#reduce applies adder and subtractor", () => {
    const d = drive((b) =>
      b
        .table("scores")
        .groupBy((_user: string, s: { team: string; points: number }) => ({
          key: s.team,
          value: s.points,
        }))
        .reduce(
          (agg: number, v: number) => agg + v,
          (agg: number, v: number) => agg - v,
        )
        .toStream()
        .to("out"),
    );
    d.pipeInput("scores", "u1", { team: "red", points: 5 }, 1);
    d.pipeInput("scores", "u2", { team: "red", points: 3 }, 2);
    d.pipeInput("scores", "u1", { team: "red", points: 1 }, 3);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([5, 8, 3, 4]);
  });
});

describe("suppress", () => {
  const finalCounts = () =>
    drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
        .count(undefined, Materialized.as("counts"))
        .suppress(Suppressed.untilWindowCloses())
        .toStream()
        .to("out"),
    );

  it("untilWindowCloses emits exactly one final result per window, once stream time >= end + grace", () => {
    const d = finalCounts();
    for (const ts of [1, 2, 9, 14]) d.pipeInput("in", "k", "v", ts);
    expect(d.readOutput("out")).toEqual([]);
    d.pipeInput("in", "k", "v", 15);
    d.pipeInput("in", "k", "v", 16);
    d.pipeInput("in", "k", "late", 3);
    d.pipeInput("in", "k", "v", 40);
    expect(d.readOutput("out").map((r) => [r.key, r.window, r.value])).toEqual([
      ["k", { start: 0, end: 10 }, 3],
      ["k", { start: 10, end: 20 }, 3],
    ]);
  });

  it("untilWindowCloses: each key's window is final independently, all keys emitted", () => {
    const d = finalCounts();
    d.pipeInput("in", "a", "v", 1);
    d.pipeInput("in", "b", "v", 2);
    d.pipeInput("in", "a", "v", 30);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["a", 1, 1],
      ["b", 1, 2],
    ]);
  });

  it("untilTimeLimit holds the latest value per key until stream time >= record time + limit", () => {
    const d = drive((b) =>
      b.table("in").suppress(Suppressed.untilTimeLimit(10)).toStream().to("out"),
    );
    d.pipeInput("in", "k", "v1", 0);
    d.pipeInput("in", "k", "v2", 5);
    expect(d.readOutput("out")).toEqual([]);
    d.pipeInput("in", "x", "other", 15);
    expect(kvt(d.readOutput("out"))).toEqual([["k", "v2", 5]]);
  });

  it("untilTimeLimit with maxRecords emits early when the buffer is full", () => {
    const d = drive((b) =>
      b.table("in").suppress(Suppressed.untilTimeLimit(1000, 1)).toStream().to("out"),
    );
    d.pipeInput("in", "a", "1", 0);
    d.pipeInput("in", "b", "2", 1);
    expect(kvt(d.readOutput("out"))).toEqual([["a", "1", 0]]);
  });
});
