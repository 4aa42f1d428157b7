// Feeds GlobalKTable stores from every partition of their topics on every instance (Kafka
// Streams' global thread): a private single-member group reads the topics from the start, no
// changelog; start() resolves once the ends seen at start are reached, then updates keep coming.
import type { Admin, Consumer, EachBatchPayload, Kafka } from "kafkajs";
import { fromKafkaMessage, type KafkaRecord, partitionKey } from "./kafka-record";

export interface GroupTimeouts {
  sessionTimeout: number;
  heartbeatInterval: number;
  maxWaitTimeInMs: number;
}

export class GlobalTopicReader {
  private readonly consumer: Consumer;
  /** Partitions still short of the end they had at start (the bootstrap). */
  private readonly behind = new Map<string, bigint>();
  private caughtUp: () => void = () => {};

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    groupId: string,
    private readonly topics: readonly string[],
    timeouts: GroupTimeouts,
    private readonly onRecords: (records: KafkaRecord[]) => void,
  ) {
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, ...timeouts });
  }

  async start(): Promise<void> {
    for (const topic of this.topics) {
      for (const { partition, high, low } of await this.admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low))
          this.behind.set(partitionKey({ topic, partition }), BigInt(high));
      }
    }
    const bootstrapped = new Promise<void>((resolve) => {
      this.caughtUp = resolve;
    });
    if (this.behind.size === 0) this.caughtUp();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatch: (payload) => this.onBatch(payload) });
    await bootstrapped;
  }

  private async onBatch({ batch }: EachBatchPayload): Promise<void> {
    const tp = { topic: batch.topic, partition: batch.partition };
    this.onRecords(batch.messages.map((message) => fromKafkaMessage(tp, message)));
    const key = partitionKey(tp);
    const end = this.behind.get(key);
    if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) {
      this.behind.delete(key);
      if (this.behind.size === 0) this.caughtUp();
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
