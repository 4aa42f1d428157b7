// Kafka Streams restores a store by replaying its changelog topic: a store rebuilt from the
// changelog records written by the driver must equal the live store, for every store kind.
import { describe, expect, it } from "vitest";
import {
  changelogTopic,
  InMemoryKeyValueStore,
  InMemorySessionStore,
  InMemoryWindowStore,
  JoinWindows,
  Materialized,
  SessionWindows,
  type StateStore,
  TimeWindows,
  type TopologyTestDriver,
} from "../src/index";
import { decodeChangelog } from "../src/processor/changelog-codec";
import { drive } from "./helpers";

function replay(d: TopologyTestDriver, store: string, fresh: StateStore): StateStore {
  const records = d.log.records(changelogTopic("test", store));
  expect(records.length).toBeGreaterThan(0);
  fresh.restore(records.map(decodeChangelog));
  return fresh;
}

const contents = (s: StateStore) => [...(s as any).all()].map((e: any) => JSON.stringify(e));

describe("changelog replay rebuilds every store kind", () => {
  it("key-value store (count, with deletes from a table tombstone)", () => {
    const d = drive((b) => b.table("t", undefined, Materialized.as("kv")));
    d.pipeInput("t", "a", 1, 1);
    d.pipeInput("t", "b", 2, 2);
    d.pipeInput("t", "a", 3, 3);
    d.pipeInput("t", "b", null, 4);
    const rebuilt = replay(d, "kv", new InMemoryKeyValueStore("kv"));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("kv")));
    expect(rebuilt.size()).toBe(1);
  });

  it("window store (tumbling count)", () => {
    const d = drive((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 100))
        .count(undefined, Materialized.as("w")),
    );
    for (const [k, ts] of [
      ["a", 1],
      ["a", 12],
      ["b", 5],
      ["a", 3],
    ] as const)
      d.pipeInput("s", k, "v", ts);
    const rebuilt = replay(d, "w", new InMemoryWindowStore("w", 110));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("w")));
  });

  it("session store (merges remove sessions: the changelog carries the removals)", () => {
    const d = drive((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 100))
        .count(undefined, Materialized.as("sess")),
    );
    for (const ts of [0, 10, 5, 30]) d.pipeInput("s", "k", "v", ts);
    const rebuilt = replay(d, "sess", new InMemorySessionStore("sess", 105));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("sess")));
    expect(rebuilt.size()).toBe(2);
  });

  it("join window stores with duplicates (stream-stream join buffers)", () => {
    const d = drive((b) =>
      b
        .stream("l")
        .join(b.stream("r"), (x, y) => [x, y], JoinWindows.ofTimeDifferenceWithNoGrace(10))
        .to("out"),
    );
    d.pipeInput("l", "k", "a", 1);
    d.pipeInput("l", "k", "b", 1);
    const name = "KSTREAM-JOIN-0000000002-this-join-store";
    const rebuilt = replay(d, name, new InMemoryWindowStore(name, 21, true));
    expect(contents(rebuilt)).toEqual(contents(d.getStore(name)));
    expect(rebuilt.size()).toBe(2);
  });

  it("suppression buffer (key-value store keyed by buffer time)", () => {
    const d = drive((b) =>
      b
        .stream("s")
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 100))
        .count()
        .suppress({ until: "window-close", name: "final" })
        .toStream()
        .to("out"),
    );
    d.pipeInput("s", "a", "v", 1);
    d.pipeInput("s", "b", "v", 2);
    const rebuilt = replay(d, "final-store", new InMemoryKeyValueStore("final-store"));
    expect(contents(rebuilt)).toEqual(contents(d.getStore("final-store")));
  });
});
