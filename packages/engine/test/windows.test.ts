import { describe, expect, it } from "vitest";
import {
  Materialized,
  SessionWindows,
  SlidingWindows,
  TimeWindows,
  type Windowed,
} from "../src/index";
import { drive } from "./helpers";

const windowed = (d: ReturnType<typeof drive>) =>
  d.readOutput("out").map((r) => [r.key, r.window?.start, r.window?.end, r.value]);

describe("tumbling and hopping windows", () => {
  it("TimeWindows are epoch-aligned [start, end): ts 59999 is in [0,60000), 60000 starts the next", () => {
    const w = TimeWindows.ofSizeWithNoGrace(60_000);
    expect(w.windowsFor(59_999)).toEqual([{ start: 0, end: 60_000 }]);
    expect(w.windowsFor(60_000)).toEqual([{ start: 60_000, end: 120_000 }]);
  });

  it("hopping windows: a record belongs to size/advance windows (KStreamWindowAggregate)", () => {
    const w = TimeWindows.ofSizeWithNoGrace(10).advanceBy(5);
    expect(w.windowsFor(12)).toEqual([
      { start: 5, end: 15 },
      { start: 10, end: 20 },
    ]);
    expect(w.windowsFor(3)).toEqual([{ start: 0, end: 10 }]);
  });

  it("tumbling count emits every update per window", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
        .count()
        .toStream()
        .to("out"),
    );
    for (const ts of [1, 5, 12]) d.pipeInput("in", "k", "v", ts);
    expect(windowed(d)).toEqual([
      ["k", 0, 10, 1],
      ["k", 0, 10, 2],
      ["k", 10, 20, 1],
    ]);
  });

  it("grace: a late record is accepted while stream time < window end + grace, dropped at end + grace", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
        .count()
        .toStream()
        .to("out"),
    );
    d.pipeInput("in", "k", "v", 14); // stream time 14 < 10 + 5
    d.pipeInput("in", "k", "late-ok", 3);
    d.pipeInput("in", "k", "v", 15); // stream time 15 = end + grace: [0,10) closed
    d.pipeInput("in", "k", "late-dropped", 4);
    expect(windowed(d)).toEqual([
      ["k", 10, 20, 1],
      ["k", 0, 10, 1],
      ["k", 10, 20, 2],
    ]);
    expect(Object.values(d.metrics().nodes).reduce((n, c) => n + c.dropped, 0)).toBe(1);
  });

  it("window retention: expired windows leave the window store", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
        .count(undefined, Materialized.as("counts")),
    );
    d.pipeInput("in", "k", "v", 1);
    d.pipeInput("in", "k", "v", 100);
    expect(d.metrics().storeSizes.counts).toBe(1);
  });
});

describe("sliding windows (KStreamSlidingWindowAggregate)", () => {
  it("creates a window ending at each record and one starting after it; both ends inclusive", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(10))
        .count()
        .toStream()
        .to("out"),
    );
    d.pipeInput("in", "k", "a", 25);
    d.pipeInput("in", "k", "b", 35);
    expect(windowed(d)).toEqual([
      ["k", 15, 25, 1],
      ["k", 25, 35, 2],
      ["k", 26, 36, 1],
    ]);
  });

  it("an out-of-order record updates every existing window containing it", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 100))
        .count()
        .toStream()
        .to("out"),
    );
    d.pipeInput("in", "k", "a", 20);
    d.pipeInput("in", "k", "b", 30);
    d.readOutput("out");
    d.pipeInput("in", "k", "late", 25);
    expect(windowed(d)).toEqual([
      ["k", 15, 25, 2],
      ["k", 20, 30, 3],
      ["k", 21, 31, 2],
      ["k", 26, 36, 1],
    ]);
  });
});

describe("session windows (KStreamSessionWindowAggregate)", () => {
  const sessions = () =>
    drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(10, 100))
        .count(undefined, Materialized.as("sessions"))
        .toStream()
        .to("out"),
    );

  it("records within the inactivity gap share a session; a gap > 10 opens a new one", () => {
    const d = sessions();
    d.pipeInput("in", "k", "a", 0);
    d.pipeInput("in", "k", "b", 30);
    expect(windowed(d)).toEqual([
      ["k", 0, 0, 1],
      ["k", 30, 30, 1],
    ]);
  });

  it("an out-of-order record bridging two sessions merges them: both old sessions get tombstones", () => {
    const d = sessions();
    d.pipeInput("in", "k", "a", 0);
    d.pipeInput("in", "k", "b", 18);
    d.readOutput("out");
    d.pipeInput("in", "k", "bridge", 9);
    expect(windowed(d)).toEqual([
      ["k", 0, 0, null],
      ["k", 18, 18, null],
      ["k", 0, 18, 3],
    ]);
  });

  it("KStreamSessionWindowAggregate: a session ending before stream time - gap - grace is closed; the late record is dropped", () => {
    const d = drive((b) =>
      b
        .stream("in")
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 10))
        .count()
        .toStream()
        .to("out"),
    );
    d.pipeInput("in", "k", "a", 100);
    d.pipeInput("in", "k", "late", 84); // session [84,84] ends before 100 - 5 - 10
    d.pipeInput("in", "k", "in time", 85); // could still merge: 85 + gap 5 + grace 10 = 100
    expect(windowed(d)).toEqual([
      ["k", 100, 100, 1],
      ["k", 85, 85, 1],
    ]);
    expect(Object.values(d.metrics().nodes).some((n) => n.dropped === 1)).toBe(true);
  });

  it("session key is Windowed<K> in the store", () => {
    const d = sessions();
    d.pipeInput("in", "k", "a", 3);
    const store = d.getStore<any>("sessions");
    const [s] = [...store.all()] as { key: unknown; start: number; end: number }[];
    const w: Windowed = { key: s.key, window: { start: s.start, end: s.end } };
    expect(w).toEqual({ key: "k", window: { start: 3, end: 3 } });
  });
});
