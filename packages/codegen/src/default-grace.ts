// An unset grace is 24 hours: ksqlDB's default and that of Kafka Streams' original window
// API, and how Riffle's engine compiles the document. Java and TypeScript spell it out.
export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;
