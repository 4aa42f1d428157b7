// Records as the Kafka log hands them to the runtime and takes them back: bytes untouched, so
// steps that never look at a key or value never decode it.
import type { KafkaMessage, Message } from "kafkajs";

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** A partition as a map key. */
export const partitionKey = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;

export interface KafkaRecord extends TopicPartition {
  /** Kafka offsets are 64-bit; kept as the decimal string kafkajs uses. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  headers: Record<string, string>;
}

export interface OutgoingRecord {
  topic: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  timestamp?: number;
  /** Explicit partition (changelogs follow their task); otherwise the key's murmur2 hash decides. */
  partition?: number;
  headers?: Record<string, string>;
}

/** A record the runtime could not process (e.g. undecodable JSON), routed to the dead-letter topic. */
export interface DeadLetter {
  record: KafkaRecord;
  reason: string;
}

export function fromKafkaMessage(tp: TopicPartition, message: KafkaMessage): KafkaRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = String(value);
  }
  return {
    topic: tp.topic,
    partition: tp.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    timestamp: Number(message.timestamp),
    headers,
  };
}

function toMessage(record: OutgoingRecord): Message {
  const message: Message = { key: record.key, value: record.value };
  if (record.timestamp !== undefined) message.timestamp = String(record.timestamp);
  if (record.partition !== undefined) message.partition = record.partition;
  if (record.headers !== undefined) message.headers = record.headers;
  return message;
}

/** The dead-letter copy keeps the original bytes and says where it came from and why. */
export function deadLetterRecord(topic: string, letter: DeadLetter): OutgoingRecord {
  const { record } = letter;
  return {
    topic,
    key: record.key,
    value: record.value,
    timestamp: record.timestamp,
    headers: {
      ...record.headers,
      "riffle.dlq.topic": record.topic,
      "riffle.dlq.partition": String(record.partition),
      "riffle.dlq.offset": record.offset,
      "riffle.dlq.reason": letter.reason,
    },
  };
}

/** Groups records per topic, keeping their order, for one producer sendBatch. */
export function toTopicMessages(records: readonly OutgoingRecord[]) {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    const messages = byTopic.get(record.topic) ?? [];
    if (messages.length === 0) byTopic.set(record.topic, messages);
    messages.push(toMessage(record));
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
