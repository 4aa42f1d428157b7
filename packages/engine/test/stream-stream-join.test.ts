import { describe, expect, it } from "vitest";
import { JoinWindows } from "../src/index";
import { drive, kvt } from "./helpers";

const joiner = (l: unknown, r: unknown) => `${l}+${r}`;

function joinDriver(type: "join" | "leftJoin" | "outerJoin", windows: JoinWindows) {
  return drive((b) => {
    (b.stream("left") as any)[type](b.stream("right"), joiner, windows).to("out");
  });
}

describe("KStream-KStream join windows", () => {
  it("JoinWindows bounds are inclusive: right at ts-before and ts+after match, one ms beyond does not", () => {
    const d = joinDriver("join", JoinWindows.ofTimeDifferenceAndGrace(10, 100).before(5).after(10));
    d.pipeInput("left", "k", "L", 100);
    d.pipeInput("right", "k", "r95", 95);
    d.pipeInput("right", "k", "r94", 94);
    d.pipeInput("right", "k", "r110", 110);
    d.pipeInput("right", "k", "r111", 111);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["k", "L+r95", 100],
      ["k", "L+r110", 110],
    ]);
  });

  it("joined record timestamp is the max of both sides", () => {
    const d = joinDriver("join", JoinWindows.ofTimeDifferenceWithNoGrace(10));
    d.pipeInput("right", "k", "r", 7);
    d.pipeInput("left", "k", "l", 3);
    expect(kvt(d.readOutput("out"))).toEqual([["k", "l+r", 7]]);
  });

  it("only equal keys join", () => {
    const d = joinDriver("join", JoinWindows.ofTimeDifferenceWithNoGrace(10));
    d.pipeInput("left", "a", "l", 1);
    d.pipeInput("right", "b", "r", 1);
    expect(d.readOutput("out")).toEqual([]);
  });

  it("left join emits [L, null] only after the window closes: stream time > ts + after + grace (3.1+)", () => {
    const d = joinDriver("leftJoin", JoinWindows.ofTimeDifferenceAndGrace(10, 5));
    d.pipeInput("left", "k", "L", 100);
    d.pipeInput("right", "x", "other", 115); // 100 + 10 + 5 = 115: not yet closed
    expect(d.readOutput("out")).toEqual([]);
    d.pipeInput("right", "x", "other", 116);
    expect(kvt(d.readOutput("out"))).toEqual([["k", "L+null", 100]]);
  });

  it("left join: a late match within grace cancels the pending [L, null]", () => {
    const d = joinDriver("leftJoin", JoinWindows.ofTimeDifferenceAndGrace(10, 5));
    d.pipeInput("left", "k", "L", 100);
    d.pipeInput("right", "x", "other", 112);
    d.pipeInput("right", "k", "r", 108);
    d.pipeInput("right", "x", "other", 200);
    expect(kvt(d.readOutput("out"))).toEqual([["k", "L+r", 108]]);
  });

  it("left join: right records never produce [null, R]", () => {
    const d = joinDriver("leftJoin", JoinWindows.ofTimeDifferenceWithNoGrace(10));
    d.pipeInput("right", "k", "R", 1);
    d.pipeInput("left", "x", "other", 100);
    expect(d.readOutput("out")).toEqual([]);
  });

  it("outer join emits [null, R] for an unmatched right record after its window closes (ts + before + grace)", () => {
    const d = joinDriver("outerJoin", JoinWindows.ofTimeDifferenceWithNoGrace(10).before(3));
    d.pipeInput("right", "k", "R", 50);
    d.pipeInput("left", "x", "other", 60); // right side looks back `before`=3: closes after 53
    expect(kvt(d.readOutput("out"))).toEqual([["k", "null+R", 50]]);
  });

  it("a record arriving after its join window closed (ts + after + grace < stream time) is dropped and counted", () => {
    const d = joinDriver("join", JoinWindows.ofTimeDifferenceAndGrace(10, 5));
    d.pipeInput("right", "k", "r", 100);
    d.pipeInput("left", "x", "advance", 200);
    d.pipeInput("left", "k", "late", 100);
    expect(d.readOutput("out")).toEqual([]);
    expect(Object.values(d.metrics().nodes).reduce((n, c) => n + c.dropped, 0)).toBe(1);
  });

  it("a record at exactly ts + after + grace = stream time still joins (grace boundary is inclusive)", () => {
    const d = joinDriver("join", JoinWindows.ofTimeDifferenceAndGrace(10, 5));
    d.pipeInput("right", "k", "r", 100);
    d.pipeInput("left", "x", "advance", 115);
    d.pipeInput("left", "k", "l", 100);
    expect(kvt(d.readOutput("out"))).toEqual([["k", "l+r", 100]]);
  });
});
