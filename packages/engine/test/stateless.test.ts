import { describe, expect, it } from "vitest";
import { Branched, Named, StreamsBuilder, TopologyTestDriver } from "../src/index";
import { drive, kvt } from "./helpers";

describe("stateless KStream operators", () => {
  it("filter keeps matches, filterNot drops them", () => {
    const d = drive((b) => {
      const s = b.stream("in");
      s.filter((_k, v: number) => v > 1).to("kept");
      s.filterNot((_k, v: number) => v > 1).to("rest");
    });
    for (const v of [1, 2, 3]) d.pipeInput("in", "k", v, v);
    expect(d.readOutput("kept").map((r) => r.value)).toEqual([2, 3]);
    expect(d.readOutput("rest").map((r) => r.value)).toEqual([1]);
  });

  it("flatMapValues of one record into 200k records, through a repartition, reaches the sink whole", () => {
    const d = drive((b) => {
      b.stream("in")
        .flatMapValues((n: number) => Array.from({ length: n }, (_, i) => i))
        .selectKey((_k, v: number) => v % 7)
        .repartition()
        .to("wide");
    });
    d.pipeInput("in", "k", 200_000, 1);
    const out = d.readOutput("wide");
    expect(out.length).toBe(200_000);
    expect(out.at(-1)).toMatchObject({ key: 199_999 % 7, value: 199_999 });
  }, 30_000);

  it("map changes key and value; flatMap emits zero or more records with the input timestamp", () => {
    const d = drive((b) => {
      const s = b.stream("in");
      s.map((k: string, v: number) => ({ key: v, value: k })).to("mapped");
      s.flatMap((k: string, v: number) =>
        Array.from({ length: v }, (_, i) => ({ key: `${k}${i}`, value: i })),
      ).to("flat");
      s.flatMapValues((v: number) => [v, v * 10]).to("flatValues");
    });
    d.pipeInput("in", "a", 2, 7);
    expect(kvt(d.readOutput("mapped"))).toEqual([[2, "a", 7]]);
    expect(kvt(d.readOutput("flat"))).toEqual([
      ["a0", 0, 7],
      ["a1", 1, 7],
    ]);
    expect(kvt(d.readOutput("flatValues"))).toEqual([
      ["a", 2, 7],
      ["a", 20, 7],
    ]);
  });

  it("split: first matching branch wins, unmatched go to the default branch", () => {
    const d = drive((b) => {
      const branches = b
        .stream("in")
        .split(Named.as("route-"))
        .branch((_k, v: number) => v < 10, Branched.as("small"))
        .branch((_k, v: number) => v < 100, Branched.as("medium"))
        .defaultBranch(Branched.as("large"));
      branches["route--small"].to("small");
      branches["route--medium"].to("medium");
      branches["route--large"].to("large");
    });
    for (const v of [5, 50, 500, 7]) d.pipeInput("in", "k", v, 1);
    expect(d.readOutput("small").map((r) => r.value)).toEqual([5, 7]);
    expect(d.readOutput("medium").map((r) => r.value)).toEqual([50]);
    expect(d.readOutput("large").map((r) => r.value)).toEqual([500]);
  });

  it("merge interleaves both streams in processing order; peek sees every record", () => {
    const seen: unknown[] = [];
    const d = drive((b) => {
      b.stream("a")
        .merge(b.stream("b"))
        .peek((_k, v) => seen.push(v))
        .to("out");
    });
    d.pipeInput("a", "k", 1, 1);
    d.pipeInput("b", "k", 2, 2);
    d.pipeInput("a", "k", 3, 3);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("consecutive stateless steps are fused but still counted per node", () => {
    const b = new StreamsBuilder();
    b.stream("in")
      .filter((_k, v: number) => v > 0, Named.as("positive"))
      .mapValues((v: number) => v * 2, Named.as("double"))
      .to("out");
    const d = new TopologyTestDriver(b.build({ applicationId: "t" }));
    d.pipeInput("in", "k", 1, 1);
    d.pipeInput("in", "k", -1, 1);
    const m = d.metrics().nodes;
    expect([m.positive.recordsIn, m.positive.recordsOut, m.double.recordsIn]).toEqual([2, 1, 1]);
  });

  it("dynamic sink: a TopicNameExtractor picks the topic per record", () => {
    const d = drive((b) => b.stream("in").to((_k, v: { kind: string }) => `out-${v.kind}`));
    d.pipeInput("in", "k", { kind: "x" }, 1);
    expect(d.readOutput("out-x")).toHaveLength(1);
  });

  it("dynamic sink: an empty, null or illegal topic name (Kafka's Topic.validate) dead-letters that record only", () => {
    const d = drive((b) => b.stream("in").to((_k, v: { topic: string | null }) => v.topic));
    d.pipeInput("in", "a", { topic: "good" }, 1);
    d.pipeInput("in", "b", { topic: "" }, 2);
    d.pipeInput("in", "c", { topic: null }, 3);
    d.pipeInput("in", "d", { topic: "no spaces/or slashes" }, 4);
    d.pipeInput("in", "e", { topic: ".." }, 5);
    d.pipeInput("in", "f", { topic: "good" }, 6);
    expect(d.readOutput("good").map((r) => r.key)).toEqual(["a", "f"]);
    expect(d.deadLetters.map((l) => l.reason)).toEqual([
      'processing failed: dynamic sink: "" is not a valid topic name (1-249 characters of a-z A-Z 0-9 . _ -)',
      "processing failed: dynamic sink: null is not a valid topic name (1-249 characters of a-z A-Z 0-9 . _ -)",
      'processing failed: dynamic sink: "no spaces/or slashes" is not a valid topic name (1-249 characters of a-z A-Z 0-9 . _ -)',
      'processing failed: dynamic sink: ".." is not a valid topic name (1-249 characters of a-z A-Z 0-9 . _ -)',
    ]);
    expect(d.metrics().deadLetters).toBe(4);
  });
});

describe("KTable operators", () => {
  it("KTable#filter turns rows failing the predicate into deletions (KTableFilter)", () => {
    const d = drive((b) =>
      b
        .table("t")
        .filter((_k, v: number) => v > 10)
        .toStream()
        .to("out"),
    );
    d.pipeInput("t", "k", 20, 1);
    d.pipeInput("t", "k", 5, 2);
    d.pipeInput("t", "k", 1, 3);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["k", 20, 1],
      ["k", null, 2],
    ]);
  });

  it("KTable#mapValues maps updates; tombstones stay tombstones", () => {
    const d = drive((b) =>
      b
        .table("t")
        .mapValues((v: number) => v + 1)
        .toStream()
        .to("out"),
    );
    d.pipeInput("t", "k", 1, 1);
    d.pipeInput("t", "k", null, 2);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([2, null]);
  });

  it("a tombstone for a key that is not in the table is not forwarded", () => {
    const d = drive((b) => b.table("t").toStream().to("out"));
    d.pipeInput("t", "k", null, 1);
    expect(d.readOutput("out")).toEqual([]);
  });

  it("KStream#toTable materializes the stream as upserts", () => {
    const d = drive((b) => b.stream("s").toTable().toStream().to("out"));
    d.pipeInput("s", "k", 1, 1);
    d.pipeInput("s", "k", 2, 2);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([1, 2]);
  });
});

describe("KStream-GlobalKTable join", () => {
  const run = (type: "join" | "leftJoin") =>
    drive(
      (b) => {
        const products = b.globalTable("products");
        (b.stream("orders") as any)
          [type](
            products,
            (_k: string, o: { product: string }) => o.product,
            (o: any, p: any) => ({ ...o, name: p?.name ?? null }),
          )
          .to("out");
      },
      { orders: 3, products: 7 },
    );

  it("the key selector picks the table key; no co-partitioning is needed (inner drops misses)", () => {
    const d = run("join");
    d.pipeInput("products", "p1", { name: "pen" }, 0);
    d.pipeInput("orders", "o1", { product: "p1" }, 1);
    d.pipeInput("orders", "o2", { product: "p9" }, 2);
    expect(kvt(d.readOutput("out"))).toEqual([["o1", { product: "p1", name: "pen" }, 1]]);
  });

  it("left join keeps stream records without a table row, joined with null", () => {
    const d = run("leftJoin");
    d.pipeInput("orders", "o2", { product: "p9" }, 2);
    expect(d.readOutput("out").map((r) => r.value)).toEqual([{ product: "p9", name: null }]);
  });
});

describe("KTable-KTable foreign-key join", () => {
  const run = (type: "join" | "leftJoin") =>
    drive((b) => {
      const orders = b.table("orders");
      const customers = b.table("customers");
      (orders as any)
        [type](
          customers,
          (o: { customer: string }) => o.customer,
          (o: any, c: any) => `${o.id}:${c?.name ?? null}`,
        )
        .toStream()
        .to("out");
    });

  it("inner: left rows join the right row their foreign key points to; right updates re-join", () => {
    const d = run("join");
    d.pipeInput("customers", "c1", { name: "Ann" }, 1);
    d.pipeInput("orders", "o1", { id: "o1", customer: "c1" }, 2);
    d.pipeInput("customers", "c1", { name: "Anne" }, 3);
    expect(kvt(d.readOutput("out"))).toEqual([
      ["o1", "o1:Ann", 2],
      ["o1", "o1:Anne", 3],
    ]);
  });

  it("changing the foreign key moves the row; deleting the right row emits a tombstone (inner)", () => {
    const d = run("join");
    d.pipeInput("customers", "c1", { name: "Ann" }, 1);
    d.pipeInput("customers", "c2", { name: "Bob" }, 1);
    d.pipeInput("orders", "o1", { id: "o1", customer: "c1" }, 2);
    d.pipeInput("orders", "o1", { id: "o1", customer: "c2" }, 3);
    d.pipeInput("customers", "c1", { name: "Ann2" }, 4);
    d.pipeInput("customers", "c2", null, 5);
    expect(d.readOutput("out").map((r) => r.value)).toEqual(["o1:Ann", "o1:Bob", null]);
  });

  it("left: a left row without a matching right row joins null", () => {
    const d = run("leftJoin");
    d.pipeInput("orders", "o1", { id: "o1", customer: "c9" }, 1);
    d.pipeInput("orders", "o1", null, 2);
    expect(d.readOutput("out").map((r) => r.value)).toEqual(["o1:null", null]);
  });
});
