// A two-sub-topology application written straight on KafkaLog, standing in for the engine's
// compiled topology until the engine runs on Kafka: orders are re-keyed by customer through a
// repartition topic, then counted per customer in 1-minute tumbling windows whose store is
// backed by a changelog topic and restored when its task moves.
import {
  type BatchResult,
  type InternalTopicSpec,
  internalTopicName,
  KafkaLog,
  type KafkaLogOptions,
  type KafkaRecord,
  type TopicPartition,
} from "../../src/log/kafka";

export const WINDOW_MS = 60_000;

export interface WindowedCountTopics {
  orders: string;
  counts: string;
  repartition: string;
  changelog: string;
}

export function windowedCountTopics(applicationId: string, orders: string, counts: string) {
  return {
    orders,
    counts,
    repartition: internalTopicName(applicationId, "by-customer", "repartition"),
    changelog: internalTopicName(applicationId, "counts", "changelog"),
  };
}

export function internalTopics(
  topics: WindowedCountTopics,
  partitions: number,
): InternalTopicSpec[] {
  return [
    { name: topics.repartition, partitions, kind: "repartition" },
    { name: topics.changelog, partitions, kind: "changelog" },
  ];
}

/** One worker instance of the application: its tasks' window stores, one per repartition partition. */
export class WindowedCountApp {
  readonly log: KafkaLog;
  private readonly stores = new Map<number, Map<string, number>>();
  /** Store entries restored from the changelog, per partition, for assertions. */
  readonly restored = new Map<number, number>();

  constructor(
    options: KafkaLogOptions,
    private readonly topics: WindowedCountTopics,
  ) {
    this.log = new KafkaLog(options);
  }

  start(): Promise<void> {
    return this.log.start({
      topics: [this.topics.orders, this.topics.repartition],
      changelogTopics: [this.topics.changelog],
      onAssigned: (partitions) => this.restoreStores(partitions),
      onRevoked: (partitions) => this.closeStores(partitions),
      onBatch: (records, tp) =>
        tp.topic === this.topics.orders ? this.selectCustomer(records) : this.count(records, tp),
    });
  }

  stop(): Promise<void> {
    return this.log.stop();
  }

  private async restoreStores(partitions: TopicPartition[]): Promise<void> {
    for (const { topic, partition } of partitions) {
      if (topic !== this.topics.repartition) continue;
      const store = new Map<string, number>();
      this.stores.set(partition, store);
      const count = await this.log.restore(
        { topic: this.topics.changelog, partition },
        (records) => {
          for (const record of records) store.set(record.key!.toString(), Number(record.value));
        },
      );
      this.restored.set(partition, count);
    }
  }

  private closeStores(partitions: TopicPartition[]): void {
    for (const { topic, partition } of partitions) {
      if (topic === this.topics.repartition) this.stores.delete(partition);
    }
  }

  /** selectKey(customer): the re-keyed record goes through the repartition topic. */
  private selectCustomer(records: KafkaRecord[]): BatchResult {
    return {
      records: records.map((record) => ({
        topic: this.topics.repartition,
        key: JSON.parse(record.value!.toString()).customer,
        value: record.value,
        timestamp: record.timestamp,
      })),
    };
  }

  /** windowedBy(1 min).count(): every update goes to the changelog and the sink. */
  private count(records: KafkaRecord[], tp: TopicPartition): BatchResult {
    const store = this.stores.get(tp.partition)!;
    return {
      records: records.flatMap((record) => {
        const customer = record.key!.toString();
        const windowStart = record.timestamp - (record.timestamp % WINDOW_MS);
        const windowKey = `${customer}@${windowStart}`;
        const count = (store.get(windowKey) ?? 0) + 1;
        store.set(windowKey, count);
        return [
          {
            topic: this.topics.changelog,
            partition: tp.partition,
            key: windowKey,
            value: String(count),
          },
          {
            topic: this.topics.counts,
            key: windowKey,
            value: JSON.stringify({ customer, windowStart, count }),
            timestamp: record.timestamp,
          },
        ];
      }),
    };
  }
}
