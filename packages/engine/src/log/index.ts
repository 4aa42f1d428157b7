// Logs: where topics live (in memory here; durable and Kafka implementations plug in).
export * from "./log";
export * from "./memory-log";
export * from "./partitioner";
