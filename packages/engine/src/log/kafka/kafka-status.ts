// What a deployment's Kafka side reports to the worker and the studio's status view.
import type { KafkaLogError } from "./kafka-error";
import type { TopicPartition } from "./kafka-record";

export interface KafkaStatus {
  /** retrying: an operational error, waiting `retryInMs` before attempt `attempt`. */
  state: "idle" | "starting" | "running" | "retrying" | "failed" | "stopped";
  error?: KafkaLogError;
  attempt?: number;
  retryInMs?: number;
  /** Partitions (tasks' inputs) this instance owns. */
  assigned: TopicPartition[];
  /** Input records whose outputs were acknowledged (their offsets commit at the next interval). */
  processed: number;
  deadLettered?: number;
}
