// Internal topic administration against a recording stand-in for the kafkajs admin client: the
// mock cluster cannot create or delete topics, so the configs Riffle asks for are checked here.
import type { Admin, ITopicConfig } from "kafkajs";
import { describe, expect, it } from "vitest";
import { ensureInternalTopics, listInternalTopics } from "../../src/log/kafka/kafka-topics";

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
