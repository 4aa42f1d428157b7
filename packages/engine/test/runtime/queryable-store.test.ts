// Interactive queries on a running deployment: one read-only view of a store over every
// partition's task, for key-value, window and session stores (Kafka Streams' KafkaStreams#store).
import { afterEach, describe, expect, it } from "vitest";
import {
  type Deployment,
  InvalidStateStoreError,
  jsonSerde,
  Materialized,
  MemoryLog,
  Named,
  type ReadOnlyKeyValueStore,
  type ReadOnlySessionStore,
  type ReadOnlyWindowStore,
  SessionWindows,
  StreamsBuilder,
  startDeployment,
  TimeWindows,
} from "../../src";

const json = jsonSerde();
const running: Deployment[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop();
});

/** The same clicks counted three ways, each into a named store, over 3 input partitions. */
function clickCounts() {
  const b = new StreamsBuilder();
  const clicks = b.stream<string, { page: string }>("clicks").groupByKey();
  clicks.count(Named.as("by-user"), Materialized.as("counts")).toStream().to("counts-out");
  clicks
    .windowedBy(TimeWindows.ofSizeAndGrace(1000, 5000))
    .count(Named.as("by-second"), Materialized.as("per-second"))
    .toStream()
    .to("per-second-out");
  clicks
    .windowedBy(SessionWindows.ofInactivityGapAndGrace(500, 5000))
    .count(Named.as("by-session"), Materialized.as("sessions"))
    .toStream()
    .to("sessions-out");
  return b.build({ applicationId: "iq", topicPartitions: { clicks: 3 } });
}

async function click(log: MemoryLog, clicks: [string, number][]) {
  await log.append(
    clicks.map(([user, timestamp], i) => ({
      topic: "clicks",
      partition: (user.charCodeAt(0) + user.length) % 3,
      timestamp,
      key: json.serialize(user),
      value: json.serialize({ page: `p${i}` }),
    })),
  );
}

async function caughtUp(d: Deployment) {
  for (let i = 0; i < 400; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const lag = Object.values(d.metrics().lag);
    if (d.status() === "running" && lag.length > 0 && lag.every((l) => l === 0)) return;
  }
  throw new Error(`never caught up: ${d.status()} ${d.lastError()?.message ?? ""}`);
}

async function start(clicks: [string, number][]) {
  const log = new MemoryLog();
  await log.createTopic("clicks", { partitions: 3 });
  await click(log, clicks);
  const d = startDeployment({ topology: clickCounts(), log, idleWaitMs: 1 });
  running.push(d);
  await caughtUp(d);
  return { d, log };
}

const CLICKS: [string, number][] = [
  ["alice", 100],
  ["bob", 200],
  ["alice", 300],
  ["carol", 1200],
  ["alice", 1500],
  ["bob", 2600],
];

describe("queryable stores (Kafka Streams interactive queries)", () => {
  it("a key-value store answers get, range and all across every partition's task", async () => {
    const { d, log } = await start(CLICKS);
    const counts = d.queryableStore("counts") as ReadOnlyKeyValueStore;
    expect(counts.kind).toBe("key-value");
    expect(counts.get("alice")?.value).toBe(3);
    expect(counts.get("dave")).toBeUndefined();
    expect(counts.range("alice", "bob").map((r) => [r.key, r.value])).toEqual([
      ["alice", 3],
      ["bob", 2],
    ]);
    expect(counts.all().map((r) => r.key)).toEqual(["alice", "bob", "carol"]);
    await click(log, [["alice", 2700]]);
    await caughtUp(d);
    expect(counts.get("alice")?.value).toBe(4);
  });

  it("a window store fetches a key's windows by start time, and every key's", async () => {
    const { d } = await start(CLICKS);
    const perSecond = d.queryableStore("per-second") as ReadOnlyWindowStore;
    expect(perSecond.kind).toBe("window");
    const windows = (from: number, to: number) =>
      perSecond.fetch("alice", from, to).map((w) => [w.start, w.value]);
    expect(windows(0, 5000)).toEqual([
      [0, 2],
      [1000, 1],
    ]);
    expect(windows(500, 5000)).toEqual([[1000, 1]]);
    expect(perSecond.fetchAll(1000, 1000).map((w) => [w.key, w.value])).toEqual([
      ["alice", 1],
      ["carol", 1],
    ]);
  });

  it("a session store fetches a key's sessions, merged on the inactivity gap", async () => {
    const { d } = await start(CLICKS);
    const sessions = d.queryableStore("sessions") as ReadOnlySessionStore;
    expect(sessions.fetch("alice").map((s) => [s.start, s.end, s.value])).toEqual([
      [100, 300, 2],
      [1500, 1500, 1],
    ]);
    expect(sessions.findSessions("alice", 1000, 2000).map((s) => s.start)).toEqual([1500]);
  });

  it("an unknown store is undefined; a stopped deployment refuses reads (InvalidStateStoreException)", async () => {
    const { d } = await start(CLICKS);
    expect(d.queryableStore("nope")).toBeUndefined();
    await d.stop();
    running.splice(0);
    expect(() => d.queryableStore("counts")).toThrow(InvalidStateStoreError);
  });
});
