// Classified errors of the Kafka log: each has a stable code, says whether the user or the
// cluster must act, and carries the facts (topics, counts) a status view shows.
export type KafkaErrorCode =
  | "KAFKA_CONFIG"
  | "KAFKA_UNREACHABLE"
  | "KAFKA_CLIENT"
  | "KAFKA_MISSING_TOPIC"
  | "KAFKA_NOT_CO_PARTITIONED"
  | "KAFKA_INTERNAL_TOPIC"
  | "KAFKA_UNSUPPORTED"
  | "KAFKA_PROCESSING";

/** user: fix the topology or configuration; operational: the cluster misbehaves, retrying may help. */
export type KafkaErrorKind = "user" | "operational";

export class KafkaLogError extends Error {
  override readonly name = "KafkaLogError";
  constructor(
    readonly code: KafkaErrorCode,
    readonly kind: KafkaErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The message of any thrown value, for status lines. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
