// Interactive queries on the Kafka runtime (Kafka Streams' KafkaStreams#store): each instance
// reads the local stores of the partitions it owns, and refuses while it is not running.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidStateStoreError,
  Materialized,
  type ReadOnlyKeyValueStore,
  StreamsBuilder,
} from "../../src/index";
import { KafkaRuntime } from "../../src/log/kafka";
import {
  buildOnCluster,
  eventually,
  processed,
  produce,
  startInstances,
  startTestCluster,
  type TestCluster,
} from "./test-cluster";

let cluster: TestCluster;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  cluster = await startTestCluster({ "iq-in": 4 });
});

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await cluster.stop();
});

function countTopology() {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>(cluster.topic("iq-in"))
    .groupByKey()
    .count(undefined, Materialized.as("iq-counts"));
  return buildOnCluster(cluster, builder, "iq");
}

describe("KafkaRuntime interactive queries", { timeout: 120_000 }, () => {
  it("Kafka Streams' local stores: each instance answers for the keys of its own partitions, together for all", async () => {
    const topology = await countTopology();
    const idle = new KafkaRuntime(topology, { connection: cluster.connection });
    expect(() => idle.queryableStore("iq-counts")).toThrow(InvalidStateStoreError);
    expect(idle.queryableStore("no-such-store")).toBeUndefined();

    const apps = await startInstances(cluster, topology, 2, running);
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const records = keys.flatMap((key, i) =>
      Array.from({ length: (i % 3) + 1 }, () => ({
        topic: cluster.topic("iq-in"),
        key: Buffer.from(JSON.stringify(key)),
        value: Buffer.from(JSON.stringify("x")),
        timestamp: 1_700_000_000_000 + i,
      })),
    );
    await produce(cluster, records);
    await eventually(() => processed(apps) >= records.length);
    const views = apps.map((app) => app.queryableStore("iq-counts") as ReadOnlyKeyValueStore);
    const local = views.map((view) => view.all().map((row) => [row.key, row.value]));
    expect(local.every((rows) => rows.length > 0)).toBe(true);
    const all = Object.fromEntries(local.flat() as [string, number][]);
    expect(Object.keys(all).length).toBe(keys.length); // no key answered by both
    expect(local.flat().length).toBe(keys.length);
    expect(all).toEqual(Object.fromEntries(keys.map((key, i) => [key, (i % 3) + 1])));
    // a key the other instance owns is not found here
    const [first, second] = views;
    const foreign = local[1][0][0];
    expect(first.get(foreign)).toBeUndefined();
    expect(second.get(foreign)?.value).toBe(all[foreign as string]);
  });
});
