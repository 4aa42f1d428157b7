// Test helpers: build a topology from a DSL function, pipe records, read values back.
import { StreamsBuilder, type TestRecord, TopologyTestDriver } from "../src/index";

export function drive(
  define: (builder: StreamsBuilder) => void,
  topicPartitions?: Record<string, number>,
): TopologyTestDriver {
  const builder = new StreamsBuilder();
  define(builder);
  return new TopologyTestDriver(builder.build({ applicationId: "test", topicPartitions }));
}

/** Compact view of output records: [key, value, timestamp]. */
export function kvt(records: TestRecord[]): [unknown, unknown, number][] {
  return records.map((r) => [r.key, r.value, r.timestamp]);
}
