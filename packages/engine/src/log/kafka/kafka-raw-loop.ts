// The baseline the Kafka bench compares Riffle with: a hand-written kafkajs consume-transform-
// produce loop, as an application would write it without an engine.
// It lives here because only this folder may import kafkajs.
import { Kafka, type Message } from "kafkajs";
import { kafkaClientConfig } from "./kafka-client";
import type { KafkaConnection } from "./kafka-config";

export interface RawLoopOptions {
  connection: KafkaConnection;
  groupId: string;
  source: string;
  sink: string;
  /** Per input record: the output values for its key (none drops it). */
  transform: (key: Buffer | null, value: Buffer | null) => (string | Buffer)[];
  sessionTimeout?: number;
  heartbeatInterval?: number;
}

export interface RawLoop {
  /** Input records committed so far. */
  processed(): number;
  stop(): Promise<void>;
}

/** Starts the loop; resolves once its consumer joined the group. */
export async function startRawLoop(options: RawLoopOptions): Promise<RawLoop> {
  const kafka = new Kafka(
    kafkaClientConfig(options.connection, `${options.connection.clientId}-raw`),
  );
  const producer = kafka.producer();
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeout ?? 30_000,
    heartbeatInterval: options.heartbeatInterval ?? 3_000,
    maxWaitTimeInMs: 500,
  });
  let processed = 0;
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [options.source], fromBeginning: true });
  // The idiomatic kafkajs loop: the batch's offsets resolve once eachBatch returned (after the
  // send was acknowledged) and kafkajs auto-commits them every second.
  await consumer.run({
    autoCommitInterval: 1000,
    eachBatch: async ({ batch }) => {
      const messages: Message[] = [];
      for (const message of batch.messages) {
        for (const value of options.transform(message.key, message.value)) {
          messages.push({ key: message.key, value, timestamp: message.timestamp });
        }
      }
      if (messages.length > 0) await producer.send({ topic: options.sink, messages });
      processed += batch.messages.length;
    },
  });
  return {
    processed: () => processed,
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
