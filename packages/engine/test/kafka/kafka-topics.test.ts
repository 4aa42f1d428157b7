// Internal topic administration against a recording stand-in for the kafkajs admin client: the
// mock cluster cannot create or delete topics, so the configs Riffle asks for are checked here.
import type { Admin, ITopicConfig } from "kafkajs";
import { describe, expect, it } from "vitest";
import { Materialized, StreamsBuilder, TimeWindows } from "../../src/index";
import {
  ensureInternalTopics,
  internalTopicSpecs,
  listInternalTopics,
} from "../../src/log/kafka/kafka-topics";

/** An admin client holding `topics` (name -> partitions) that records createTopics calls. */
function recordingAdmin(topics: Record<string, number>) {
  const created: ITopicConfig[] = [];
  const admin = {
    listTopics: async () => Object.keys(topics),
    fetchTopicMetadata: async ({ topics: names }: { topics: string[] }) => ({
      topics: names.map((name) => ({
        name,
        partitions: Array.from({ length: topics[name] }, (_, partitionId) => ({ partitionId })),
      })),
    }),
    createTopics: async ({ topics: configs }: { topics: ITopicConfig[] }) => {
      created.push(...configs);
      return true;
    },
  };
  return { admin: admin as unknown as Admin, created };
}

describe("internal topics", () => {
  it("creates changelogs with cleanup.policy=compact and repartition topics with delete, at the topology's counts (Kafka Streams' internal topic configs)", async () => {
    const { admin, created } = recordingAdmin({ "shop-counts-changelog": 6 });
    await ensureInternalTopics(
      admin,
      [
        { name: "shop-counts-changelog", partitions: 6, kind: "changelog" },
        { name: "shop-totals-changelog", partitions: 6, kind: "changelog" },
        { name: "shop-by-customer-repartition", partitions: 4, kind: "repartition" },
      ],
      true,
    );
    expect(created.map((c) => [c.topic, c.numPartitions, c.configEntries?.[0]?.value])).toEqual([
      ["shop-totals-changelog", 6, "compact"],
      ["shop-by-customer-repartition", 4, "delete"],
    ]);
  });

  it("creates a window store's changelog as compact,delete with the store's retention plus a day (Kafka Streams' windowstore.changelog.additional.retention.ms)", async () => {
    const b = new StreamsBuilder();
    b.stream("clicks")
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(60_000, 5_000))
      .count(undefined, Materialized.as("per-minute"));
    b.stream("views").groupByKey().count(undefined, Materialized.as("views"));
    const topology = b.build({ applicationId: "shop" });
    const { admin, created } = recordingAdmin({});
    await ensureInternalTopics(admin, internalTopicSpecs(topology), true);
    const configs = Object.fromEntries(
      created.map((c) => [
        c.topic,
        Object.fromEntries(c.configEntries!.map((e) => [e.name, e.value])),
      ]),
    );
    // TimeWindows' store retention is size + grace: 65 s, then one day more
    expect(configs["shop-per-minute-changelog"]).toEqual({
      "cleanup.policy": "compact,delete",
      "retention.ms": String(65_000 + 86_400_000),
    });
    expect(configs["shop-views-changelog"]).toEqual({ "cleanup.policy": "compact" });
  });

  it("finds only the deleted deployment's own repartition and changelog topics", async () => {
    const { admin } = recordingAdmin({
      "shop-counts-changelog": 6,
      "shop-by-customer-repartition": 6,
      "shop-dead-letter": 1,
      "shopping-counts-changelog": 6,
      orders: 6,
    });
    expect(await listInternalTopics(admin, "shop")).toEqual([
      "shop-counts-changelog",
      "shop-by-customer-repartition",
    ]);
  });
});
