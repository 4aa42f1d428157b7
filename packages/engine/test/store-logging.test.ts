// Kafka's Materialized#withLoggingDisabled and #withRetention hold for every aggregation store,
// windowed and session ones included: a store with logging disabled has no changelog topic and
// writes no changelog records, yet aggregates as before.
import { describe, expect, it } from "vitest";
import {
  changelogTopic,
  Materialized,
  SessionWindows,
  SlidingWindows,
  type StreamsBuilder,
  TimeWindows,
  type TopologyTestDriver,
  type WindowStore,
} from "../src/index";
import { drive } from "./helpers";

const unlogged = () => Materialized.as("agg").withLoggingDisabled();

/** Pipes three records of one key and returns the driver, its outputs checked by the caller. */
function run(define: (b: StreamsBuilder) => void): TopologyTestDriver {
  const d = drive(define);
  for (const ts of [1, 2, 3]) d.pipeInput("s", "k", "v", ts);
  return d;
}

function expectNoChangelog(d: TopologyTestDriver): void {
  const changelogs = [...d.topology.internalTopics.keys()].filter((t) => t.endsWith("-changelog"));
  expect(changelogs).toEqual([]);
  expect(d.log.records(changelogTopic("test", "agg"))).toEqual([]);
}

const counts = (d: TopologyTestDriver) => d.readOutput("out").map((r) => r.value);

describe("Materialized.withLoggingDisabled: the store has no changelog topic (Kafka's Materialized)", () => {
  it("tumbling window count", () => {
    const d = run((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
        .count(undefined, unlogged())
        .toStream()
        .to("out"),
    );
    expectNoChangelog(d);
    expect(counts(d)).toEqual([1, 2, 3]);
  });

  it("sliding window count (its record buffer is not logged either)", () => {
    const d = run((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(10))
        .count(undefined, unlogged())
        .toStream()
        .to("out"),
    );
    expectNoChangelog(d);
    expect(Math.max(...(counts(d) as number[]))).toBe(3);
  });

  it("session window count", () => {
    const d = run((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(10))
        .count(undefined, unlogged())
        .toStream()
        .to("out"),
    );
    expectNoChangelog(d);
    expect(counts(d).filter((c) => c !== null)).toEqual([1, 2, 3]);
  });

  it("cogroup, keyed and windowed", () => {
    for (const windows of [undefined, TimeWindows.ofSizeWithNoGrace(10)]) {
      const d = run((b) => {
        const cogrouped = b
          .stream("s")
          .groupByKey()
          .cogroup((_k, _v, agg: number) => agg + 1);
        (windows ? cogrouped.windowedBy(windows) : cogrouped)
          .aggregate(() => 0, unlogged())
          .toStream()
          .to("out");
      });
      expectNoChangelog(d);
      expect(counts(d)).toEqual([1, 2, 3]);
    }
  });

  it("a logged window store still writes its changelog", () => {
    const d = run((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
        .count(undefined, Materialized.as("agg"))
        .toStream()
        .to("out"),
    );
    expect(d.topology.internalTopics.has(changelogTopic("test", "agg"))).toBe(true);
    expect(d.log.records(changelogTopic("test", "agg")).length).toBeGreaterThan(0);
  });
});

describe("Materialized.withRetention on a windowed cogroup (Kafka's TimeWindowedCogroupedKStream)", () => {
  it("keeps windows for the requested retention, never less than size + grace", () => {
    for (const [requested, expected] of [
      [1000, 1000],
      [5, 15],
    ]) {
      const d = run((b) =>
        b
          .stream("s")
          .groupByKey()
          .cogroup((_k, _v, agg: number) => agg + 1)
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
          .aggregate(() => 0, Materialized.as("agg").withRetention(requested)),
      );
      expect(d.getStore<WindowStore>("agg").retentionMs).toBe(expected);
    }
  });
});
