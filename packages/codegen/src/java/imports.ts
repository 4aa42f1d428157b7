// Fully qualified names of the classes generated Java may use; the printer imports exactly
// the ones it used, sorted.

const PACKAGES: Record<string, string> = {
  BigDecimal: "java.math",
  Duration: "java.time",
  LocalDateTime: "java.time",
  ZoneOffset: "java.time",
  DateTimeFormatter: "java.time.format",
  List: "java.util",
  ArrayList: "java.util",
  Map: "java.util",
  LinkedHashMap: "java.util",
  Properties: "java.util",
  IOException: "java.io",
  ObjectMapper: "com.fasterxml.jackson.databind",
  SerializationException: "org.apache.kafka.common.errors",
  Serde: "org.apache.kafka.common.serialization",
  Serdes: "org.apache.kafka.common.serialization",
  Serializer: "org.apache.kafka.common.serialization",
  Deserializer: "org.apache.kafka.common.serialization",
  KafkaStreams: "org.apache.kafka.streams",
  KeyValue: "org.apache.kafka.streams",
  StreamsBuilder: "org.apache.kafka.streams",
  StreamsConfig: "org.apache.kafka.streams",
  Topology: "org.apache.kafka.streams",
  Branched: "org.apache.kafka.streams.kstream",
  Consumed: "org.apache.kafka.streams.kstream",
  GlobalKTable: "org.apache.kafka.streams.kstream",
  Grouped: "org.apache.kafka.streams.kstream",
  JoinWindows: "org.apache.kafka.streams.kstream",
  Joined: "org.apache.kafka.streams.kstream",
  KGroupedStream: "org.apache.kafka.streams.kstream",
  KGroupedTable: "org.apache.kafka.streams.kstream",
  KStream: "org.apache.kafka.streams.kstream",
  KTable: "org.apache.kafka.streams.kstream",
  Materialized: "org.apache.kafka.streams.kstream",
  Named: "org.apache.kafka.streams.kstream",
  Produced: "org.apache.kafka.streams.kstream",
  Repartitioned: "org.apache.kafka.streams.kstream",
  SessionWindowedKStream: "org.apache.kafka.streams.kstream",
  SessionWindows: "org.apache.kafka.streams.kstream",
  SlidingWindows: "org.apache.kafka.streams.kstream",
  StreamJoined: "org.apache.kafka.streams.kstream",
  Suppressed: "org.apache.kafka.streams.kstream",
  EmitStrategy: "org.apache.kafka.streams.kstream",
  BufferConfig: "org.apache.kafka.streams.kstream.Suppressed",
  TimeWindowedKStream: "org.apache.kafka.streams.kstream",
  TimeWindows: "org.apache.kafka.streams.kstream",
  Windowed: "org.apache.kafka.streams.kstream",
  WindowedSerdes: "org.apache.kafka.streams.kstream",
  TimestampExtractor: "org.apache.kafka.streams.processor",
  WallclockTimestampExtractor: "org.apache.kafka.streams.processor",
  Logger: "org.slf4j",
  LoggerFactory: "org.slf4j",
};

/** Every known class name appearing as a word in `code`, as sorted import lines. */
export function importsFor(code: string): string[] {
  const bare = code.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
  const used = Object.keys(PACKAGES).filter((cls) => new RegExp(`\\b${cls}\\b`).test(bare));
  return used.map((cls) => `import ${PACKAGES[cls]}.${cls};`).sort();
}
