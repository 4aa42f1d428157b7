// Dead letters on the log: the failed record's own key and value in `<application.id>-dlq`,
// with the reason and where it came from in headers, so it can be listed and replayed.
import type { ProducerRecord } from "../log/log";
import type { DeadLetter } from "../processor/task-context";

export const DLQ_HEADERS = {
  error: "riffle.dlq.error",
  topic: "riffle.dlq.topic",
  partition: "riffle.dlq.partition",
  offset: "riffle.dlq.offset",
} as const;

export function deadLetterTopic(applicationId: string): string {
  return `${applicationId}-dlq`;
}

export function deadLetterRecord(applicationId: string, letter: DeadLetter): ProducerRecord {
  return {
    topic: deadLetterTopic(applicationId),
    partition: 0,
    timestamp: letter.timestamp,
    key: letter.key,
    value: letter.value,
    headers: {
      [DLQ_HEADERS.error]: letter.reason,
      [DLQ_HEADERS.topic]: letter.topic,
      [DLQ_HEADERS.partition]: String(letter.partition),
      [DLQ_HEADERS.offset]: String(letter.offset),
    },
  };
}
