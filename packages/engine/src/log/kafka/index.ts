// Public surface of the Kafka log: the only module tree allowed to import kafkajs.
export {
  type KafkaConnection,
  kafkaConnectionFromEnv,
  parseBrokers,
  type SaslMechanism,
} from "./kafka-config";
export {
  describeError,
  type KafkaErrorCode,
  type KafkaErrorKind,
  KafkaLogError,
} from "./kafka-error";
export {
  type BatchResult,
  KafkaLog,
  type KafkaLogOptions,
  type KafkaRunHandlers,
} from "./kafka-log";
export { type RawLoop, type RawLoopOptions, startRawLoop } from "./kafka-raw-loop";
export type { DeadLetter, KafkaRecord, OutgoingRecord, TopicPartition } from "./kafka-record";
export { backoffMs, DEFAULT_RETRY, type RetryPolicy } from "./kafka-retry";
export { buildForKafka, KafkaRuntime, type KafkaRuntimeOptions } from "./kafka-runtime";
export type { KafkaStatus } from "./kafka-status";
export {
  type CoPartitionGroup,
  checkCoPartitioning,
  type InternalTopicKind,
  type InternalTopicSpec,
  internalTopicName,
  type TopicSpec,
} from "./kafka-topics";
