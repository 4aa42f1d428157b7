// Final results across a restart: a deployment stopped after some windows closed and started
// again over the same log (stores restored from changelogs, or from a state directory's
// checkpoint) emits every window's final result exactly once overall. Kafka Streams keeps
// EMIT FINAL's last emitted window close time with the task's committed state (KIP-825), and
// suppress's buffer in a changelogged store (KIP-328).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  EmitStrategy,
  jsonSerde,
  type KGroupedStream,
  type KStream,
  type KTable,
  type Log,
  Materialized,
  MemoryLog,
  SessionWindows,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  type Topology,
  type Windowed,
} from "../src";
import { DurableLog } from "../src/log/durable";
import { startDeployment } from "../src/runtime";

const json = jsonSerde();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Click = [key: string, timestamp: number];

/** A topology writing what `results` makes of the clicks grouped by key to "finals". */
function topology(results: (clicks: KGroupedStream<string, string>) => KStream<string, number>) {
  return (): Topology => {
    const b = new StreamsBuilder();
    results(b.stream<string, string>("clicks").groupByKey()).to("finals");
    return b.build({ applicationId: "final-results", topicPartitions: { clicks: 1 } });
  };
}

/** A windowed count's results keyed `key@start`. */
function byWindow(counts: KTable<Windowed<string>, number>): KStream<string, number> {
  return counts.toStream().map((w, n) => ({ key: `${w.key}@${w.window.start}`, value: n }));
}

async function produce(log: Log, clicks: Click[]) {
  await log.createTopic("clicks", { partitions: 1 });
  await log.append(
    clicks.map(([key, timestamp]) => ({
      topic: "clicks",
      timestamp,
      key: json.serialize(key),
      value: json.serialize("click"),
    })),
  );
}

async function finals(log: Log): Promise<[string, unknown][]> {
  if ((await log.partitions("finals")) === undefined) return [];
  const records = await log.read("finals", 0, 0, 10_000);
  return records.map((r) => [json.deserialize(r.key) as string, json.deserialize(r.value)]);
}

/** Runs a deployment until its source has read `clicks` records, then stops it (a commit). */
async function runOnce(build: () => Topology, log: Log, clicks: number, stateDir?: string) {
  const d = startDeployment({
    topology: build(),
    log,
    guarantee: "exactly_once_v2",
    commitIntervalMs: 10,
    stateDir,
  });
  const read = () => d.metrics().nodes["KSTREAM-SOURCE-0000000000"]?.recordsIn ?? 0;
  for (let i = 0; i < 400 && read() < clicks && d.status() !== "failed"; i++)
    await new Promise((r) => setTimeout(r, 10));
  await d.stop();
  expect(d.lastError()).toBeUndefined();
}

/** Clicks before the restart, the finals by then, clicks after it, all the finals. */
interface Scenario {
  before: Click[];
  finalsBefore: [string, number][];
  after: Click[];
  finals: [string, number][];
}

async function acrossRestart(build: () => Topology, s: Scenario, withStateDir: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "riffle-final-results-"));
  dirs.push(dir);
  const log = withStateDir ? new DurableLog({ dir: join(dir, "log") }) : new MemoryLog();
  const stateDir = withStateDir ? join(dir, "state") : undefined;
  await produce(log, s.before);
  await runOnce(build, log, s.before.length, stateDir);
  expect(await finals(log)).toEqual(s.finalsBefore);
  await produce(log, s.after);
  await runOnce(build, log, s.after.length, stateDir);
  expect(await finals(log)).toEqual(s.finals);
  await log.close();
}

/** The stores of a named EMIT FINAL count and whether each is logged. */
function storesOf(materialized: Materialized): [string, boolean][] {
  const b = new StreamsBuilder();
  b.stream("clicks")
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
    .emitStrategy(EmitStrategy.onWindowClose())
    .count(undefined, materialized);
  return [...b.build({ applicationId: "stores" }).stores.values()].map((s) => [s.name, s.logged]);
}

const RESTORED = [
  ["from the changelog", false],
  ["from a state directory's checkpoint", true],
] as const;

describe("final results across a restart", () => {
  it("Kafka KIP-825: EMIT FINAL's last emitted close time gets a store named after the window store, logged like it", () => {
    expect(storesOf(Materialized.as("clicks-per-window"))).toEqual([
      ["clicks-per-window", true],
      ["clicks-per-window-emit-final", true],
    ]);
    expect(storesOf(Materialized.as("unlogged").withLoggingDisabled())).toEqual([
      ["unlogged", false],
      ["unlogged-emit-final", false],
    ]);
  });

  // Tumbling 10 ms windows, 5 ms grace: [0, 10) closes at stream time 15 (end + grace).
  const tumbling = topology((g) =>
    byWindow(
      g
        .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count(),
    ),
  );
  it.each(RESTORED)(
    "Kafka KIP-825 EMIT FINAL keeps lastEmitWindowCloseTime across a restart (restored %s): each window once, none lost",
    (_how, withStateDir) =>
      acrossRestart(
        tumbling,
        {
          before: [
            ["a", 1],
            ["b", 3],
            ["a", 12],
            ["b", 16], // closes [0, 10)
          ],
          finalsBefore: [
            ["a@0", 1],
            ["b@0", 1],
          ],
          // 17 closes nothing new, 27 closes [10, 20), 35 closes [20, 30)
          after: [
            ["a", 17],
            ["b", 27],
            ["a", 35],
          ],
          finals: [
            ["a@0", 1],
            ["b@0", 1],
            ["a@10", 2],
            ["b@10", 1],
            ["b@20", 1],
          ],
        },
        withStateDir,
      ),
  );

  // Hopping 10 ms windows advancing by 5, no grace: [s, s + 10) closes at stream time s + 10.
  const hopping = topology((g) =>
    byWindow(
      g
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5))
        .emitStrategy(EmitStrategy.onWindowClose())
        .count(),
    ),
  );
  it("Kafka KIP-825 EMIT FINAL on hopping windows: a restart between two closes emits each window once", () =>
    acrossRestart(
      hopping,
      {
        before: [
          ["a", 2],
          ["a", 7],
          ["a", 11], // closes [0, 10)
        ],
        finalsBefore: [["a@0", 2]],
        // 12 and 14 close nothing new; 15 closes [5, 15); 20 closes [10, 20)
        after: [
          ["a", 12],
          ["a", 14],
          ["a", 15],
          ["a", 20],
        ],
        finals: [
          ["a@0", 2],
          ["a@5", 4],
          ["a@10", 4],
        ],
      },
      false,
    ));

  // Session windows, 5 ms gap, no grace, with suppress: a session closes at stream time end + gap.
  const sessions = topology((g) =>
    byWindow(
      g
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5))
        .count()
        .suppress(Suppressed.untilWindowCloses()),
    ),
  );
  it.each(RESTORED)(
    "Kafka suppress(untilWindowCloses) on session windows: the changelogged buffer emits each session once across a restart (restored %s)",
    (_how, withStateDir) =>
      acrossRestart(
        sessions,
        {
          before: [
            ["a", 1],
            ["a", 3],
            ["b", 4],
            ["b", 10], // closes [1, 3] of a and [4, 4] of b (end + gap <= 10)
          ],
          finalsBefore: [
            ["a@1", 2],
            ["b@4", 1],
          ],
          after: [
            ["b", 12], // joins b's session [10, 10]
            ["a", 30], // closes it
          ],
          finals: [
            ["a@1", 2],
            ["b@4", 1],
            ["b@10", 2],
          ],
        },
        withStateDir,
      ),
  );

  // A running count held back 10 ms from its first buffered update.
  const limited = topology((g) => g.count().suppress(Suppressed.untilTimeLimit(10)).toStream());
  it("Kafka suppress(untilTimeLimit): an update after a restart joins the key's restored buffer entry instead of adding one", () =>
    acrossRestart(
      limited,
      {
        before: [["a", 1]], // buffered until stream time 11
        finalsBefore: [],
        after: [
          ["a", 3], // updates the buffered count to 2
          ["b", 12], // emits a's count 2
        ],
        finals: [["a", 2]],
      },
      false,
    ));
});
