// Reads changelog partitions from their start to the current end so a task that moved to this
// instance gets its stores back before it processes anything (Kafka Streams' restore consumer).
// kafkajs has no manual partition assignment, so a private single-member group owns every
// changelog partition and keeps them paused except the ones being restored.
import type { Admin, Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { KafkaRecord, TopicPartition } from "./kafka-record";
import { fromKafkaMessage, partitionKey } from "./kafka-record";

interface PendingRestore {
  end: bigint;
  count: number;
  onRecords: (records: KafkaRecord[]) => void;
  done: () => void;
}

export class ChangelogReader {
  private readonly consumer: Consumer;
  private readonly pending = new Map<string, PendingRestore>();
  private readonly joined: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    groupId: string,
    private readonly topics: readonly string[],
    groupTimeouts: { sessionTimeout: number; heartbeatInterval: number; maxWaitTimeInMs: number },
  ) {
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, ...groupTimeouts });
    this.joined = new Promise((resolve) =>
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()),
    );
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    // kafkajs accepts pause() only once running; batches fetched before it are dropped below.
    this.consumer.pause(this.topics.map((topic) => ({ topic })));
  }

  /** Feeds every record of the partition up to its current end to `onRecords`; returns the count. */
  async restore(tp: TopicPartition, onRecords: (records: KafkaRecord[]) => void): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(tp.topic);
    const bounds = offsets.find((entry) => entry.partition === tp.partition);
    if (!bounds || BigInt(bounds.high) <= BigInt(bounds.low)) return 0;
    await this.joined;
    return new Promise<number>((resolve) => {
      const entry: PendingRestore = {
        end: BigInt(bounds.high),
        count: 0,
        onRecords,
        done: () => resolve(entry.count),
      };
      this.pending.set(partitionKey(tp), entry);
      this.consumer.seek({ ...tp, offset: bounds.low });
      this.consumer.resume([{ topic: tp.topic, partitions: [tp.partition] }]);
    });
  }

  private async onBatch({ batch, isStale, resolveOffset }: EachBatchPayload): Promise<void> {
    const tp = { topic: batch.topic, partition: batch.partition };
    const entry = this.pending.get(partitionKey(tp));
    if (!entry) {
      this.consumer.pause([{ topic: tp.topic, partitions: [tp.partition] }]);
      return;
    }
    if (isStale()) return;
    const records = batch.messages
      .filter((message) => BigInt(message.offset) < entry.end)
      .map((message) => fromKafkaMessage(tp, message));
    entry.count += records.length;
    entry.onRecords(records);
    resolveOffset(batch.lastOffset());
    // lastOffset() counts transaction markers too, which never reach `messages`.
    if (BigInt(batch.lastOffset()) + 1n >= entry.end) {
      this.consumer.pause([{ topic: tp.topic, partitions: [tp.partition] }]);
      this.pending.delete(partitionKey(tp));
      entry.done();
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    // Restores cut short by a stop settle, so an assignment waiting on them lets stop() finish.
    for (const entry of this.pending.values()) entry.done();
    this.pending.clear();
  }
}
