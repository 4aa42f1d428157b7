import { describe, expect, it } from "vitest";
import { JoinWindows, Repartitioned, StreamsBuilder, TopologyError } from "../src/index";
import { drive, kvt } from "./helpers";

describe("repartitioning (Kafka Streams: key-changing operators mark the stream, groupByKey/join repartition)", () => {
  it("selectKey then groupByKey inserts a repartition topic and splits two sub-topologies", () => {
    const b = new StreamsBuilder();
    b.stream("orders")
      .selectKey((_k, v: { customer: string }) => v.customer)
      .groupByKey()
      .count();
    const t = b.build({ applicationId: "app", topicPartitions: { orders: 3 } });
    expect(t.subtopologies).toHaveLength(2);
    const repartition = [...t.internalTopics.keys()].filter((n) => n.endsWith("-repartition"));
    expect(repartition).toHaveLength(1);
    expect(repartition[0].startsWith("app-")).toBe(true);
    expect(t.internalTopics.get(repartition[0])?.partitions).toBe(3);
  });

  it("mapValues never repartitions: one sub-topology", () => {
    const b = new StreamsBuilder();
    b.stream("orders")
      .mapValues((v) => v)
      .groupByKey()
      .count();
    expect(b.build({ applicationId: "app" }).subtopologies).toHaveLength(1);
  });

  it("groupBy always repartitions (even when the key would not change)", () => {
    const b = new StreamsBuilder();
    b.stream("orders")
      .groupBy((k) => k)
      .count();
    expect(b.build({ applicationId: "app" }).subtopologies).toHaveLength(2);
  });

  it("counts after selectKey group by the new key across input partitions", () => {
    const d = drive(
      (b) =>
        b
          .stream("orders")
          .selectKey((_k, v: { customer: string }) => v.customer)
          .groupByKey()
          .count()
          .toStream()
          .to("out"),
      { orders: 4 },
    );
    const orders = ["o1", "o2", "o3", "o4", "o5"];
    for (const [i, id] of orders.entries())
      d.pipeInput("orders", id, { customer: i % 2 ? "bob" : "amy" }, i);
    const last = new Map(kvt(d.readOutput("out")).map(([k, v]) => [k, v]));
    expect(Object.fromEntries(last)).toEqual({ amy: 3, bob: 2 });
  });

  it("repartition(numberOfPartitions) sets the repartition topic's partition count", () => {
    const b = new StreamsBuilder();
    b.stream("in").repartition(Repartitioned.as("spread").withNumberOfPartitions(6)).to("out");
    expect(
      b.build({ applicationId: "app" }).internalTopics.get("app-spread-repartition")?.partitions,
    ).toBe(6);
  });

  it("joining topics with different partition counts fails: Topics not co-partitioned", () => {
    const b = new StreamsBuilder();
    b.stream("a")
      .join(b.stream("b"), (l, r) => [l, r], JoinWindows.ofTimeDifferenceWithNoGrace(5))
      .to("out");
    expect(() => b.build({ applicationId: "app", topicPartitions: { a: 4, b: 32 } })).toThrow(
      new TopologyError("Topics not co-partitioned: [a=4, b=32]"),
    );
  });

  it("a repartition topic before a join takes the co-partitioned partition count", () => {
    const b = new StreamsBuilder();
    b.stream("clicks")
      .selectKey((_k, v: { user: string }) => v.user)
      .join(b.table("users"), (c, u) => ({ c, u }))
      .to("out");
    const t = b.build({ applicationId: "app", topicPartitions: { clicks: 2, users: 5 } });
    const repartition = [...t.internalTopics].find(([n]) => n.endsWith("-repartition"));
    expect(repartition?.[1].partitions).toBe(5);
  });
});
