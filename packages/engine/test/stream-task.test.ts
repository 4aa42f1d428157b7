// The task's per-record path: stream-time punctuation checked once per record against the
// earliest due punctuator, and records of interleaved topics routed to their own source.
import { describe, expect, it } from "vitest";
import { Named, StreamsBuilder, TopologyTestDriver } from "../src/index";

describe("stream task", () => {
  it("stream-time punctuators of different intervals each fire when stream time reaches their own next time (Kafka's ProcessorContext#schedule)", () => {
    const fired: string[] = [];
    const b = new StreamsBuilder();
    b.stream("in").process((ctx) => {
      ctx.schedule(10, "stream-time", (t) => fired.push(`a@${t}`));
      ctx.schedule(25, "stream-time", (t) => fired.push(`b@${t}`));
      return () => {};
    });
    const d = new TopologyTestDriver(b.build({ applicationId: "p" }));
    for (const ts of [3, 9, 10, 24, 26, 4, 51]) d.pipeInput("in", "k", 1, ts);
    expect(fired).toEqual(["a@10", "a@24", "b@26", "a@51", "b@51"]);
  });

  it("a punctuator scheduled after records were processed still fires on stream time", () => {
    const fired: number[] = [];
    let schedule: (() => void) | undefined;
    const b = new StreamsBuilder();
    b.stream("in").process((ctx) => {
      schedule = () => ctx.schedule(100, "stream-time", (t) => fired.push(t));
      return () => {};
    });
    const d = new TopologyTestDriver(b.build({ applicationId: "p" }));
    d.pipeInput("in", "k", 1, 50);
    schedule!();
    d.pipeInput("in", "k", 1, 99);
    d.pipeInput("in", "k", 1, 100);
    expect(fired).toEqual([100]);
  });

  it("a processor that asks for a port's children per record gets one edge, counted once per record", () => {
    const b = new StreamsBuilder();
    const edges = new Set<unknown>();
    b.stream("in")
      .process(
        (_ctx, out) => (k, v, t) => {
          const emit = out.port("out");
          edges.add(emit);
          emit(k, v, t);
        },
        Named.as("p"),
      )
      .to("out");
    const d = new TopologyTestDriver(b.build({ applicationId: "p" }));
    for (const v of [1, 2, 3]) d.pipeInput("in", "k", v, v);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([1, 2, 3]);
    expect(edges.size).toBe(1);
    expect(d.metrics().nodes.p.recordsOut).toBe(3);
  });

  it("records of interleaved topics each go through their own source's serdes and timestamps", () => {
    const b = new StreamsBuilder();
    const a = b.stream<string, number>("a").mapValues((v) => `a${v}`);
    a.merge(b.stream<string, number>("b").mapValues((v) => `b${v}`)).to("out");
    const d = new TopologyTestDriver(b.build({ applicationId: "p" }));
    for (const [topic, v] of [
      ["a", 1],
      ["a", 2],
      ["b", 3],
      ["a", 4],
      ["b", 5],
      ["b", 6],
    ] as const)
      d.pipeInput(topic, "k", v, v);
    expect(d.readOutput("out").map((r) => [r.value, r.timestamp])).toEqual([
      ["a1", 1],
      ["a2", 2],
      ["b3", 3],
      ["a4", 4],
      ["b5", 5],
      ["b6", 6],
    ]);
  });
});
