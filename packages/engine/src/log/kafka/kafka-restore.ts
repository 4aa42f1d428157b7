// Reads changelog partitions from their start to the current end so a task that moved to this
// instance gets its stores back before it processes anything (Kafka Streams' restore consumer).
// kafkajs has no manual partition assignment, so a private single-member group owns every
// changelog partition and keeps them paused except the ones being restored.
import type { Admin, Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { KafkaRecord, TopicPartition } from "./kafka-record";
import { fromKafkaMessage, partitionKey } from "./kafka-record";

/** One caller waiting for a partition's records up to the end it saw when it asked. */
interface Restorer {
  /** The next offset this caller has not been given yet. */
  next: bigint;
  end: bigint;
  count: number;
  onRecords: (records: KafkaRecord[]) => void;
  done: () => void;
}

/** A partition being restored; callers that ask while it runs share its fetches. */
interface Restore {
  tp: TopicPartition;
  restorers: Restorer[];
}

export class ChangelogReader {
  private readonly consumer: Consumer;
  private readonly restoring = new Map<string, Restore>();
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
    for (const topic of this.topics) this.fetchOnlyRestoring(topic);
  }

  /**
   * Feeds every record of the partition up to its current end to `onRecords`; returns the count.
   * Asked while the partition is being restored, it joins that restore: the partition is read
   * again from its start once, and the earlier callers skip what they were given.
   */
  async restore(tp: TopicPartition, onRecords: (records: KafkaRecord[]) => void): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(tp.topic);
    const bounds = offsets.find((entry) => entry.partition === tp.partition);
    if (!bounds || BigInt(bounds.high) <= BigInt(bounds.low)) return 0;
    await this.joined;
    return new Promise<number>((resolve) => {
      const restorer: Restorer = {
        next: BigInt(bounds.low),
        end: BigInt(bounds.high),
        count: 0,
        onRecords,
        done: () => resolve(restorer.count),
      };
      const key = partitionKey(tp);
      const running = this.restoring.get(key);
      if (running) running.restorers.push(restorer);
      else this.restoring.set(key, { tp, restorers: [restorer] });
      this.consumer.seek({ ...tp, offset: bounds.low });
      this.fetchOnlyRestoring(tp.topic);
    });
  }

  /**
   * kafkajs pauses a whole topic or listed partitions, and pausing one partition lifts the pause
   * of its topic; so the topic is paused whole and only its partitions being restored resumed.
   */
  private fetchOnlyRestoring(topic: string): void {
    this.consumer.pause([{ topic }]);
    const partitions = [...this.restoring.values()]
      .filter((restore) => restore.tp.topic === topic)
      .map((restore) => restore.tp.partition);
    if (partitions.length > 0) this.consumer.resume([{ topic, partitions }]);
  }

  private async onBatch({ batch, isStale, resolveOffset }: EachBatchPayload): Promise<void> {
    const tp = { topic: batch.topic, partition: batch.partition };
    const restore = this.restoring.get(partitionKey(tp));
    // Fetched before its partition was paused, or before a seek back to the start.
    if (!restore || isStale()) return;
    // lastOffset() counts transaction markers too, which never reach `messages`.
    const next = BigInt(batch.lastOffset()) + 1n;
    for (const restorer of restore.restorers) {
      const records = batch.messages
        .filter((message) => {
          const offset = BigInt(message.offset);
          return offset >= restorer.next && offset < restorer.end;
        })
        .map((message) => fromKafkaMessage(tp, message));
      if (next > restorer.next) restorer.next = next;
      restorer.count += records.length;
      if (records.length > 0) restorer.onRecords(records);
    }
    resolveOffset(batch.lastOffset());
    const finished = restore.restorers.filter((restorer) => restorer.next >= restorer.end);
    restore.restorers = restore.restorers.filter((restorer) => restorer.next < restorer.end);
    if (restore.restorers.length === 0) {
      this.restoring.delete(partitionKey(tp));
      this.fetchOnlyRestoring(tp.topic);
    }
    for (const restorer of finished) restorer.done();
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    // Restores cut short by a stop settle, so an assignment waiting on them lets stop() finish.
    for (const restore of this.restoring.values()) {
      for (const restorer of restore.restorers) restorer.done();
    }
    this.restoring.clear();
  }
}
