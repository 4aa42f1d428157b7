// The join-semantics tables of the Kafka Streams developer guide (and the Kafka wiki page
// "Kafka Streams Join Semantics"): one key, left and right inputs interleaved by timestamp,
// expected results per row. Stream-stream rows follow Kafka Streams 3.1+, where left/outer
// joins emit an unmatched row only after its window closes: every record here finds a match
// inside the window, so left and outer emit exactly the inner results.
import { describe, expect, it } from "vitest";
import { JoinWindows, type KStream, type KTable, type StreamsBuilder } from "../src/index";
import { drive } from "./helpers";

type Side = "L" | "R";
interface Row {
  ts: number;
  side: Side;
  value: string | null;
}

const ROWS: Row[] = [
  { ts: 1, side: "L", value: null },
  { ts: 2, side: "R", value: null },
  { ts: 3, side: "L", value: "A" },
  { ts: 4, side: "R", value: "a" },
  { ts: 5, side: "L", value: "B" },
  { ts: 6, side: "R", value: "b" },
  { ts: 7, side: "L", value: null },
  { ts: 8, side: "R", value: null },
  { ts: 9, side: "L", value: "C" },
  { ts: 10, side: "R", value: "c" },
  { ts: 11, side: "R", value: null },
  { ts: 12, side: "L", value: null },
  { ts: 13, side: "R", value: null },
  { ts: 14, side: "R", value: "d" },
  { ts: 15, side: "L", value: "D" },
];

const joiner = (l: string | null, r: string | null) => `[${l}, ${r}]`;

/** Feeds the rows one by one and returns what each row emitted. */
function perRow(define: (b: StreamsBuilder) => void): (string | null)[][] {
  const d = drive(define);
  return ROWS.map((row) => {
    d.pipeInput(row.side === "L" ? "left" : "right", "k", row.value, row.ts);
    return d.readOutput("out").map((r) => r.value as string | null);
  });
}

describe("KStream-KStream join semantics table (Kafka Streams developer guide)", () => {
  const inner: string[][] = [
    [],
    [],
    [],
    ["[A, a]"],
    ["[B, a]"],
    ["[A, b]", "[B, b]"],
    [],
    [],
    ["[C, a]", "[C, b]"],
    ["[A, c]", "[B, c]", "[C, c]"],
    [],
    [],
    [],
    ["[A, d]", "[B, d]", "[C, d]"],
    ["[D, a]", "[D, b]", "[D, c]", "[D, d]"],
  ];
  const run = (type: "join" | "leftJoin" | "outerJoin") =>
    perRow((b) => {
      const left: KStream = b.stream("left");
      (left as any)
        [type](b.stream("right"), joiner, JoinWindows.ofTimeDifferenceWithNoGrace(100))
        .to("out");
    });

  it.each(ROWS.map((r, i) => [i, r.ts] as const))(
    "inner join, row %i (ts %i): null values are ignored, each record joins all earlier matches",
    (i) => {
      expect(run("join")[i]).toEqual(inner[i]);
    },
  );
  it.each(ROWS.map((r, i) => [i, r.ts] as const))(
    "left join, row %i (ts %i): [A, null] is not emitted while A's window is open (KIP-633 / 3.1+)",
    (i) => {
      expect(run("leftJoin")[i]).toEqual(inner[i]);
    },
  );
  it.each(ROWS.map((r, i) => [i, r.ts] as const))(
    "outer join, row %i (ts %i): no unmatched rows while windows are open (3.1+)",
    (i) => {
      expect(run("outerJoin")[i]).toEqual(inner[i]);
    },
  );
});

describe("KStream-KTable join semantics table (stream side triggers, table side only updates)", () => {
  const inner: string[][] = [
    [],
    [],
    [],
    [],
    ["[B, a]"],
    [],
    [],
    [],
    [],
    [],
    [],
    [],
    [],
    [],
    ["[D, d]"],
  ];
  const left: string[][] = [
    [],
    [],
    ["[A, null]"],
    [],
    ["[B, a]"],
    [],
    [],
    [],
    ["[C, null]"],
    [],
    [],
    [],
    [],
    [],
    ["[D, d]"],
  ];
  const run = (type: "join" | "leftJoin") =>
    perRow((b) => {
      const table: KTable = b.table("right");
      (b.stream("left") as any)[type](table, joiner).to("out");
    });
  it.each(ROWS.map((r, i) => [i, r.ts] as const))("inner join, row %i (ts %i)", (i) => {
    expect(run("join")[i]).toEqual(inner[i]);
  });
  it.each(ROWS.map((r, i) => [i, r.ts] as const))(
    "left join, row %i (ts %i): stream record without table row joins null",
    (i) => {
      expect(run("leftJoin")[i]).toEqual(left[i]);
    },
  );
});

describe("KTable-KTable join semantics table (both sides trigger, tombstones propagate)", () => {
  const expected = {
    join: [
      [],
      [],
      [],
      ["[A, a]"],
      ["[B, a]"],
      ["[B, b]"],
      [null],
      [],
      [],
      ["[C, c]"],
      [null],
      [],
      [],
      [],
      ["[D, d]"],
    ],
    leftJoin: [
      [],
      [],
      ["[A, null]"],
      ["[A, a]"],
      ["[B, a]"],
      ["[B, b]"],
      [null],
      [],
      ["[C, null]"],
      ["[C, c]"],
      ["[C, null]"],
      [null],
      [],
      [],
      ["[D, d]"],
    ],
    outerJoin: [
      [],
      [],
      ["[A, null]"],
      ["[A, a]"],
      ["[B, a]"],
      ["[B, b]"],
      ["[null, b]"],
      [null],
      ["[C, null]"],
      ["[C, c]"],
      ["[C, null]"],
      [null],
      [],
      ["[null, d]"],
      ["[D, d]"],
    ],
  };
  for (const type of ["join", "leftJoin", "outerJoin"] as const) {
    const results = perRow((b) => {
      const l: KTable = b.table("left");
      (l as any)[type](b.table("right"), joiner).toStream().to("out");
    });
    it.each(ROWS.map((r, i) => [i, r.ts] as const))(`${type}, row %i (ts %i)`, (i) => {
      expect(results[i]).toEqual(expected[type][i]);
    });
  }
});
