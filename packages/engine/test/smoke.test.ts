import { describe, expect, it } from "vitest";
import { drive, kvt } from "./helpers";

describe("smoke", () => {
  it("filter + mapValues + count", () => {
    const d = drive((b) => {
      const s = b.stream("in");
      s.filter((_k, v) => v.a > 1)
        .mapValues((v) => v.a * 2)
        .to("out");
      s.groupByKey().count().toStream().to("counts");
    });
    d.pipeInput("in", "k", { a: 1 }, 1);
    d.pipeInput("in", "k", { a: 2 }, 2);
    expect(kvt(d.readOutput("out"))).toEqual([["k", 4, 2]]);
    expect(kvt(d.readOutput("counts"))).toEqual([
      ["k", 1, 1],
      ["k", 2, 2],
    ]);
  });
});
