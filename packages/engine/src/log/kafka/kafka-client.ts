// The kafkajs client settings Riffle uses and the classification of kafkajs failures into
// statuses a person can act on.
import { type KafkaConfig, logLevel } from "kafkajs";
import type { KafkaConnection } from "./kafka-config";
import { describeError, KafkaLogError } from "./kafka-error";

/** kafkajs errors that mean no broker answered (in time). */
const CONNECTION_ERRORS = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSBrokerNotFound",
  "KafkaJSNonRetriableError",
  "KafkaJSNumberOfRetriesExceeded",
]);

/** Names an operational failure for the status view; our own errors pass through. */
export function classify(connection: KafkaConnection, error: unknown): KafkaLogError {
  if (error instanceof KafkaLogError) return error;
  const name = error instanceof Error ? error.name : "";
  const [code, what] = CONNECTION_ERRORS.has(name)
    ? (["KAFKA_UNREACHABLE", "Cannot reach Kafka at"] as const)
    : (["KAFKA_CLIENT", "Kafka request failed at"] as const);
  return new KafkaLogError(
    code,
    "operational",
    `${what} ${connection.brokers.join(",")}: ${describeError(error)}`,
    { brokers: connection.brokers },
    { cause: error },
  );
}

export function kafkaClientConfig(connection: KafkaConnection, clientId: string): KafkaConfig {
  return {
    clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    // kafkajs types SASL per mechanism; ours is the same shape with the union widened.
    sasl: connection.sasl as KafkaConfig["sasl"],
    connectionTimeout: connection.connectionTimeout,
    // kafkajs retries each request briefly; longer outages are our policy's job, so a status
    // shows them instead of a silent multi-minute stall.
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  };
}
