// EmitStrategy.onWindowClose on tumbling and hopping aggregations (Kafka's
// KStreamWindowAggregate with ON_WINDOW_CLOSE, as ksqlDB's EMIT FINAL uses it).
import { describe, expect, it } from "vitest";
import { EmitStrategy, SlidingWindows, TimeWindows } from "../src/index";
import { drive } from "./helpers";

const finalCounts = (windows: TimeWindows) =>
  drive((b) =>
    b
      .stream("in")
      .groupByKey()
      .windowedBy(windows)
      .emitStrategy(EmitStrategy.onWindowClose())
      .count()
      .toStream()
      .to("out"),
  );

const view = (d: ReturnType<typeof drive>) =>
  d.readOutput("out").map((r) => [r.key, r.window?.start, r.value, r.timestamp]);

describe("EmitStrategy.onWindowClose", () => {
  it("Kafka onWindowClose: no update is forwarded; a window is emitted once stream time >= end + grace", () => {
    const d = finalCounts(TimeWindows.ofSizeAndGrace(10, 5));
    for (const ts of [1, 2, 9, 14]) d.pipeInput("in", "k", "v", ts);
    expect(d.readOutput("out")).toEqual([]);
    d.pipeInput("in", "k", "late", 3);
    d.pipeInput("in", "k", "v", 15);
    d.pipeInput("in", "k", "v", 16);
    expect(view(d)).toEqual([["k", 0, 4, 9]]);
  });

  it("Kafka onWindowClose: closed windows of every key come out ordered by start, then key", () => {
    const d = finalCounts(TimeWindows.ofSizeAndGrace(10, 0));
    d.pipeInput("in", "b", "v", 1);
    d.pipeInput("in", "a", "v", 2);
    d.pipeInput("in", "b", "v", 12);
    d.pipeInput("in", "b", "v", 20);
    expect(view(d)).toEqual([
      ["a", 0, 1, 2],
      ["b", 0, 1, 1],
      ["b", 10, 1, 12],
    ]);
  });

  it("Kafka onWindowClose: a window whose store retention (size + grace) stream time jumped past is never emitted", () => {
    const d = finalCounts(TimeWindows.ofSizeAndGrace(2, 1));
    for (const ts of [0, 1, 2, 5]) d.pipeInput("in", "k", "v", ts);
    expect(view(d)).toEqual([["k", 2, 1, 2]]);
  });

  it("Kafka onWindowClose: hopping windows close one at a time", () => {
    const d = finalCounts(TimeWindows.ofSizeAndGrace(5, 1).advanceBy(2));
    for (const ts of [0, 1, 2, 1, 6, 5, 10]) d.pipeInput("in", "k", "v", ts);
    expect(view(d)).toEqual([
      ["k", 0, 4, 2],
      ["k", 4, 2, 6],
    ]);
  });

  it("onWindowClose is refused on sliding windows", () => {
    expect(() =>
      drive((b) =>
        b
          .stream("in")
          .groupByKey()
          .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(5, 0))
          .emitStrategy(EmitStrategy.onWindowClose()),
      ),
    ).toThrow(/tumbling and hopping windows only/);
  });
});
