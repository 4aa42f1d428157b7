// Public surface of @riffle/engine: the Kafka Streams-style DSL, the runtime, stores, serdes,
// logs and the test driver.

export { type Udaf, udaf } from "./compiler/aggregate-functions";
export { CompileError } from "./compiler/compile-error";
export {
  type CompiledTopology,
  type CompileOptions,
  compileTopology,
} from "./compiler/compile-topology";
export {
  type DecodedRecord,
  decodeRecord,
  type TopicSerdes,
  topicSerdes,
} from "./driver/topic-serdes";
export * from "./driver/topology-test-driver";
export * from "./kstream/branched";
export * from "./kstream/cogrouped-kstream";
export * from "./kstream/consumed";
export * from "./kstream/global-ktable";
export * from "./kstream/grouped";
export type { KeyValue } from "./kstream/internals/stream-map";
export * from "./kstream/join-windows";
export * from "./kstream/joined";
export * from "./kstream/kgrouped-stream";
export * from "./kstream/kgrouped-table";
export * from "./kstream/kstream";
export * from "./kstream/ktable";
export * from "./kstream/materialized";
export * from "./kstream/named";
export * from "./kstream/produced";
export * from "./kstream/repartitioned";
export * from "./kstream/session-windowed-kstream";
export * from "./kstream/session-windows";
export * from "./kstream/sliding-windows";
export * from "./kstream/streams-builder";
export * from "./kstream/suppressed";
export * from "./kstream/time-windowed-kstream";
export * from "./kstream/time-windows";
export * from "./log";
export * from "./log/durable";
export {
  buildForKafka,
  describeError,
  type KafkaConnection,
  KafkaLog,
  KafkaLogError,
  KafkaRuntime,
  type KafkaRuntimeOptions,
  type KafkaStatus,
  kafkaConnectionFromEnv,
} from "./log/kafka";
export type { MetricsSnapshot, NodeCounters } from "./processor/metrics";
export {
  Change,
  type Downstream,
  type Emit,
  type ProcessorFactory,
  type TimeWindow,
  type Windowed,
} from "./processor/processor";
export type { TapListener, TappedRecord } from "./processor/taps";
export type { DeadLetter, TaskContext } from "./processor/task-context";
export * from "./processor/timestamp-extractor";
export type { Topology, TopologyConfig } from "./processor/topology";
export { TopologyError } from "./processor/topology";
export * from "./runtime";
export * from "./runtime/queryable-store";
export * from "./serde";
export * from "./state";
export * from "./state/persistent";
