// Topic facts read from and written to the cluster through the admin client: real partition
// counts, the co-partitioning check, and the internal repartition/changelog topics.

import type { Admin, ITopicConfig } from "kafkajs";
import type { Topology } from "../../processor/topology";
import { describeError, KafkaLogError } from "./kafka-error";

export type InternalTopicKind = "repartition" | "changelog";

export interface InternalTopicSpec {
  name: string;
  partitions: number;
  kind: InternalTopicKind;
  /** A window or session store's changelog: Kafka Streams' `compact,delete` with this retention.ms. */
  retentionMs?: number;
}

/** Inputs that must be co-partitioned, e.g. the two sides of a join, with the node to blame. */
export interface CoPartitionGroup {
  nodeId?: string;
  topics: string[];
}

/** Kafka Streams' naming: `<application.id>-<name>-repartition` / `-changelog`. */
export function internalTopicName(
  applicationId: string,
  name: string,
  kind: InternalTopicKind,
): string {
  return `${applicationId}-${name}-${kind}`;
}

/** Real partition counts; a topic missing from the cluster maps to undefined. */
export async function readPartitionCounts(
  admin: Admin,
  topics: readonly string[],
): Promise<Map<string, number | undefined>> {
  // listTopics asks for all topics, which never auto-creates one (naming a topic in a metadata
  // request may, on brokers and on librdkafka's mock).
  const existing = new Set(await admin.listTopics());
  const present = [...new Set(topics)].filter((topic) => existing.has(topic));
  const counts = new Map<string, number | undefined>(topics.map((topic) => [topic, undefined]));
  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present });
    for (const topic of metadata.topics) counts.set(topic.name, topic.partitions.length);
  }
  return counts;
}

/** Refuses topics the cluster lacks, naming them all. */
export function requireTopics(counts: Map<string, number | undefined>): void {
  const missing = [...counts].filter(([, count]) => count === undefined).map(([topic]) => topic);
  if (missing.length > 0) {
    throw new KafkaLogError(
      "KAFKA_MISSING_TOPIC",
      "operational",
      `Source topic${missing.length > 1 ? "s" : ""} missing from the cluster: ${missing.join(", ")}`,
      { topics: missing },
    );
  }
}

/**
 * Kafka Streams' TopologyException for joins over topics with different partition counts.
 * @example `Topics not co-partitioned: [orders=6, payments=3]`
 */
export function checkCoPartitioning(
  counts: Map<string, number | undefined>,
  groups: readonly CoPartitionGroup[],
): void {
  for (const group of groups) {
    // Missing topics are reported as such elsewhere; only real counts can disagree.
    const known = group.topics
      .map((topic) => ({ topic, partitions: counts.get(topic) }))
      .filter((entry) => entry.partitions !== undefined);
    if (new Set(known.map((entry) => entry.partitions)).size <= 1) continue;
    const listed = known.map((entry) => `${entry.topic}=${entry.partitions}`);
    const where = group.nodeId ? ` (node ${group.nodeId})` : "";
    throw new KafkaLogError(
      "KAFKA_NOT_CO_PARTITIONED",
      "user",
      `Topics not co-partitioned: [${listed.join(", ")}]${where}`,
      {
        nodeId: group.nodeId,
        partitions: Object.fromEntries(known.map((e) => [e.topic, e.partitions])),
      },
    );
  }
}

/**
 * Whether the cluster serves admin CreateTopics/DeleteTopics. librdkafka's mock names
 * controller 0, which is no broker, so every controller request fails there.
 */
export async function supportsTopicAdmin(admin: Admin): Promise<boolean> {
  const cluster = await admin.describeCluster();
  return cluster.brokers.some((broker) => broker.nodeId === cluster.controller);
}

export interface TopicSpec {
  name: string;
  partitions: number;
  cleanupPolicy?: "delete" | "compact" | "compact,delete";
  retentionMs?: number;
}

function topicConfig(spec: TopicSpec): ITopicConfig {
  const cleanupPolicy: string = spec.cleanupPolicy ?? "delete";
  const configEntries = [{ name: "cleanup.policy", value: cleanupPolicy }];
  if (spec.retentionMs !== undefined) {
    configEntries.push({ name: "retention.ms", value: String(spec.retentionMs) });
  }
  return { topic: spec.name, numPartitions: spec.partitions, configEntries };
}

/** A topology's repartition and changelog topics, as the cluster must hold them. */
export function internalTopicSpecs(topology: Topology): InternalTopicSpec[] {
  return [...topology.internalTopics].map(([name, config]) => ({
    name,
    partitions: config.partitions,
    kind: config.compacted ? "changelog" : "repartition",
    retentionMs: config.retentionMs,
  }));
}

/** Kafka Streams' internal topic configs: changelogs compacted, window ones also deleted by age. */
function internalTopicConfig(spec: InternalTopicSpec): TopicSpec {
  const { name, partitions, retentionMs } = spec;
  if (spec.kind === "repartition") return { name, partitions, cleanupPolicy: "delete" };
  const cleanupPolicy = retentionMs === undefined ? "compact" : "compact,delete";
  return { name, partitions, cleanupPolicy, retentionMs };
}

/** Creates topics and waits for their leaders; the cluster must serve topic admin. */
export async function createTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  try {
    await admin.createTopics({ waitForLeaders: true, topics: specs.map(topicConfig) });
  } catch (error) {
    throw new KafkaLogError(
      "KAFKA_INTERNAL_TOPIC",
      "operational",
      `Cannot create topics ${specs.map((s) => s.name).join(", ")}: ${describeError(error)}`,
      { topics: specs.map((spec) => spec.name) },
      { cause: error },
    );
  }
}

/**
 * Creates the missing internal topics (changelogs compacted) and checks the partition count
 * of those that exist. Without topic admin (the mock) missing topics must be pre-created.
 */
export async function ensureInternalTopics(
  admin: Admin,
  specs: readonly InternalTopicSpec[],
  canAdminTopics: boolean,
): Promise<void> {
  const counts = await readPartitionCounts(
    admin,
    specs.map((spec) => spec.name),
  );
  const missing = specs.filter((spec) => counts.get(spec.name) === undefined);
  for (const spec of specs) {
    const actual = counts.get(spec.name);
    if (actual !== undefined && actual !== spec.partitions) {
      throw new KafkaLogError(
        "KAFKA_INTERNAL_TOPIC",
        "user",
        `Internal ${spec.kind} topic ${spec.name} has ${actual} partitions, the topology needs ${spec.partitions}; delete it or reset the application`,
        { topic: spec.name, actual, expected: spec.partitions },
      );
    }
  }
  if (missing.length === 0) return;
  if (!canAdminTopics) {
    const names = missing.map((spec) => `${spec.name} (${spec.partitions} partitions)`);
    throw new KafkaLogError(
      "KAFKA_UNSUPPORTED",
      "user",
      `The cluster does not create topics through the admin API; pre-create: ${names.join(", ")}`,
      { topics: missing.map((spec) => spec.name) },
    );
  }
  await createTopics(admin, missing.map(internalTopicConfig));
}

/** Internal topics of one application, found by Kafka Streams' naming convention. */
export async function listInternalTopics(admin: Admin, applicationId: string): Promise<string[]> {
  const prefix = `${applicationId}-`;
  return (await admin.listTopics()).filter(
    (topic) =>
      topic.startsWith(prefix) && (topic.endsWith("-repartition") || topic.endsWith("-changelog")),
  );
}
