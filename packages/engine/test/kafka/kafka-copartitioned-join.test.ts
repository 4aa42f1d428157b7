// A stream-stream join scaled out on the mock cluster (or KAFKA_BROKERS): the deployment group's
// assigner keeps partition p of both join topics on one instance, so two (or four) instances
// together emit exactly what one instance emits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JoinWindows, StreamsBuilder } from "../../src/index";
import type { KafkaRuntime } from "../../src/log/kafka";
import {
  buildOnCluster,
  eventually,
  processed,
  produce,
  readTopic,
  startInstances,
  startTestCluster,
  type TestCluster,
} from "./test-cluster";

const PARTITIONS = 6;
const USERS = Array.from({ length: 12 }, (_, i) => `user-${i}`);
const T0 = 1_700_000_000_000;
let cluster: TestCluster;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  const topics: Record<string, number> = {};
  for (const app of ["join-single", "join-pair", "join-four"]) {
    for (const topic of ["clicks", "views", "out"]) topics[`${app}-${topic}`] = PARTITIONS;
  }
  cluster = await startTestCluster(topics, 3);
});

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await cluster.stop();
});

/** Two events per user on the deployment's `side` topic, 100 ms apart, keyed by user. */
function events(applicationId: string, side: "clicks" | "views") {
  return USERS.flatMap((user, u) =>
    [0, 1].map((n) => ({
      topic: cluster.topic(`${applicationId}-${side}`),
      key: JSON.stringify(user),
      value: JSON.stringify(`${side}-${user}-${n}`),
      timestamp: T0 + (2 * u + n) * 100,
    })),
  );
}

/**
 * `<id>-clicks` ⋈ `<id>-views` within a minute into `<id>-out` on `instances` workers; the input
 * is written once the group settled, so no record is processed twice across the first rebalance.
 */
async function runJoin(applicationId: string, instances: number) {
  const builder = new StreamsBuilder();
  builder
    .stream(cluster.topic(`${applicationId}-clicks`))
    .join(
      builder.stream(cluster.topic(`${applicationId}-views`)),
      (click, view) => `${click}+${view}`,
      JoinWindows.ofTimeDifferenceAndGrace(60_000, 3_600_000),
    )
    .to(cluster.topic(`${applicationId}-out`));
  const topology = await buildOnCluster(cluster, builder, applicationId);
  const apps = await startInstances(cluster, topology, instances, running);
  const input = [...events(applicationId, "clicks"), ...events(applicationId, "views")];
  await produce(cluster, input);
  await eventually(() => processed(apps) >= input.length);
  return apps;
}

/** The join's output as sorted `key value` lines, read once `expected` records arrived. */
async function joined(sink: string, expected: number): Promise<string[]> {
  const records = await readTopic(cluster, sink, expected);
  return records.map((r) => `${r.key?.toString()} ${r.value?.toString()}`).sort();
}

/** Partition numbers of the deployment's `side` topic an instance owns. */
const partitionsOf = (app: KafkaRuntime, side: string) =>
  app.log
    .assignment()
    .filter((tp) => tp.topic.endsWith(`-${side}`))
    .map((tp) => tp.partition)
    .sort();

describe("Kafka co-partitioned assignment", { timeout: 60_000 }, () => {
  let single: string[];

  it("one instance joins every click with every view of its user within the window", async () => {
    const [app] = await runJoin("join-single", 1);
    await app.stop();
    // Kafka Streams' inner stream-stream join: every pair within the window, once.
    single = await joined("join-single-out", USERS.length * 4);
    expect(single).toHaveLength(USERS.length * 4);
    expect(single).toContain(`"user-3" "clicks-user-3-1+views-user-3-0"`);
  });

  it("two instances own partition p of both join topics together (Kafka Streams: a task's source partitions go to one instance) and emit exactly the single instance's join output", async () => {
    const apps = await runJoin("join-pair", 2);
    for (const app of apps) {
      expect(partitionsOf(app, "clicks")).toEqual(partitionsOf(app, "views"));
      expect(partitionsOf(app, "clicks")).toHaveLength(PARTITIONS / 2);
    }
    expect(apps.every((app) => app.log.status.processed > 0)).toBe(true);
    expect(await joined("join-pair-out", single.length)).toEqual(single);
  });

  it("four instances, where kafkajs' round robin would split partition p of the two topics, still keep each task's partitions together and emit the single instance's output", async () => {
    // Round robin over clicks/0..5 then views/0..5 gives clicks/p to member p % 4 and views/p
    // to member (p + 6) % 4: this case fails without the co-partitioned assigner.
    const apps = await runJoin("join-four", 4);
    for (const app of apps) {
      expect(partitionsOf(app, "clicks")).toEqual(partitionsOf(app, "views"));
    }
    expect(apps.map((app) => partitionsOf(app, "clicks").length).sort()).toEqual([1, 1, 2, 2]);
    expect(await joined("join-four-out", single.length)).toEqual(single);
  });
});
