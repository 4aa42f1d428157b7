import { describe, expect, it } from "vitest";
import {
  Consumed,
  delimitedSerde,
  doubleSerde,
  fieldTimestamp,
  intSerde,
  jsonSerde,
  longSerde,
  murmur2,
  StreamsBuilder,
  stringSerde,
  TopologyTestDriver,
  utf8Encode,
} from "../src/index";

describe("serdes", () => {
  it("LongSerde / IntegerSerde / DoubleSerde use Kafka's big-endian layouts", () => {
    expect([...longSerde().serialize(258)!]).toEqual([0, 0, 0, 0, 0, 0, 1, 2]);
    expect([...intSerde().serialize(-1)!]).toEqual([255, 255, 255, 255]);
    expect(doubleSerde().deserialize(doubleSerde().serialize(1.5))).toBe(1.5);
    expect(longSerde().deserialize(longSerde().serialize(2n ** 60n))).toBe(2n ** 60n);
  });

  it("DELIMITED reads ksqlDB CSV rows: quoted fields, empty field is NULL, numbers typed", () => {
    const serde = delimitedSerde([
      { name: "ID", type: "BIGINT" },
      { name: "NAME", type: "STRING" },
      { name: "NOTE", type: "STRING" },
    ]);
    expect(serde.deserialize(utf8Encode('7,"Smith, J","say ""hi"""'))).toEqual({
      ID: 7,
      NAME: "Smith, J",
      NOTE: 'say "hi"',
    });
    expect(serde.deserialize(utf8Encode("8,,x"))).toEqual({ ID: 8, NAME: null, NOTE: "x" });
    expect(new TextDecoder().decode(serde.serialize({ ID: 1, NAME: "a,b", NOTE: null })!)).toBe(
      '1,"a,b",',
    );
  });

  it("a null value is a tombstone for every serde", () => {
    for (const s of [jsonSerde(), stringSerde(), longSerde()]) expect(s.serialize(null)).toBeNull();
  });

  it("murmur2 matches Kafka's Utils.murmur2 (known vectors)", () => {
    expect(murmur2(utf8Encode("21"))).toBe(-973932308);
    expect(murmur2(utf8Encode("abc"))).toBe(479470107);
  });
});

describe("bad input goes to the dead-letter output, processing continues", () => {
  const build = () => {
    const b = new StreamsBuilder();
    b.stream(
      "in",
      Consumed.with(stringSerde(), jsonSerde()).withTimestampExtractor(fieldTimestamp("ts")),
    ).to("out");
    return new TopologyTestDriver(b.build({ applicationId: "dlq" }));
  };

  it("a value that does not decode is dead-lettered with the reason and counted", () => {
    const d = build();
    d.pipeRaw({ topic: "in", key: utf8Encode("k"), value: utf8Encode("{oops"), timestamp: 1 });
    d.pipeInput("in", "k", { ts: 5 }, 0);
    expect(d.deadLetters).toHaveLength(1);
    expect(d.deadLetters[0].reason).toMatch(/value does not decode as JSON: invalid JSON/);
    expect(d.deadLetters[0].offset).toBe(0);
    expect(d.metrics().deadLetters).toBe(1);
    expect(d.readOutput("out").map((r) => r.timestamp)).toEqual([5]);
  });

  it("a missing or negative timestamp is dead-lettered and counted as a skipped record", () => {
    const d = build();
    d.pipeInput("in", "k", { other: 1 }, 0);
    d.pipeInput("in", "k", { ts: -4 }, 0);
    expect(d.deadLetters.map((l) => l.reason)).toEqual([
      "missing timestamp",
      "invalid timestamp -4",
    ]);
    expect(d.metrics().droppedRecords).toBe(2);
  });

  it("a processor that throws dead-letters the record instead of stopping the task", () => {
    const b = new StreamsBuilder();
    b.stream("in")
      .mapValues((v: { n: number }) => {
        if (v.n === 0) throw new Error("division by zero");
        return 1 / v.n;
      })
      .to("out");
    const d = new TopologyTestDriver(b.build({ applicationId: "x" }));
    d.pipeInput("in", "k", { n: 0 }, 1);
    d.pipeInput("in", "k", { n: 2 }, 2);
    expect(d.deadLetters[0].reason).toBe("processing failed: division by zero");
    expect(d.readOutput("out").map((r) => r.value)).toEqual([0.5]);
  });
});
