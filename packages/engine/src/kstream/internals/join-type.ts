// The three join variants of Kafka Streams.
export type JoinType = "inner" | "left" | "outer";
