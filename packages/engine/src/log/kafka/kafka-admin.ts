// Topic administration for one KafkaLog: real partition counts, internal and dead-letter
// topics, deletion; every call goes through the log's retry policy and notices clusters
// (librdkafka's mock) that cannot create or delete topics.
import type { Admin } from "kafkajs";
import { KafkaLogError } from "./kafka-error";
import {
  createTopics,
  ensureInternalTopics,
  type InternalTopicSpec,
  listInternalTopics,
  readPartitionCounts,
  supportsTopicAdmin,
  type TopicSpec,
} from "./kafka-topics";

type Retrying = <T>(action: () => Promise<T>) => Promise<T>;

export class KafkaAdmin {
  private deadLetterReady: Promise<void> | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly retrying: Retrying,
  ) {}

  connect(): Promise<void> {
    return this.retrying(() => this.admin.connect());
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number | undefined>> {
    await this.connect();
    return this.retrying(() => readPartitionCounts(this.admin, topics));
  }

  async ensureInternalTopics(specs: readonly InternalTopicSpec[]): Promise<void> {
    await this.connect();
    const canAdmin = await this.retrying(() => supportsTopicAdmin(this.admin));
    await ensureInternalTopics(this.admin, specs, canAdmin);
  }

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    await this.requireTopicAdmin("create");
    await createTopics(this.admin, specs);
  }

  async deleteInternalTopics(applicationId: string): Promise<string[]> {
    await this.requireTopicAdmin("delete");
    const topics = await listInternalTopics(this.admin, applicationId);
    if (topics.length > 0) await this.admin.deleteTopics({ topics });
    return topics;
  }

  private async requireTopicAdmin(verb: "create" | "delete"): Promise<void> {
    await this.connect();
    if (!(await this.retrying(() => supportsTopicAdmin(this.admin)))) {
      throw new KafkaLogError(
        "KAFKA_UNSUPPORTED",
        "user",
        `The cluster does not ${verb} topics through the admin API (no live controller)`,
      );
    }
  }

  /** Checked (and created where the cluster allows) when the first dead letter appears. */
  ensureDeadLetterTopic(topic: string): Promise<void> {
    this.deadLetterReady ??= (async () => {
      if ((await readPartitionCounts(this.admin, [topic])).get(topic) !== undefined) return;
      if (!(await supportsTopicAdmin(this.admin))) {
        throw new KafkaLogError(
          "KAFKA_UNSUPPORTED",
          "user",
          `Dead-letter topic ${topic} is missing and the cluster does not create topics through the admin API; pre-create it`,
          { topic },
        );
      }
      await createTopics(this.admin, [{ name: topic, partitions: 1 }]);
    })();
    // A failed check is repeated on the next dead letter rather than remembered.
    this.deadLetterReady.catch(() => {
      this.deadLetterReady = undefined;
    });
    return this.deadLetterReady;
  }
}
