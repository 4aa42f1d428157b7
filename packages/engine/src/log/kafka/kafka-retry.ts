// Retry policy with exponential backoff for operational Kafka failures (unreachable brokers,
// missing topics, a broker gone mid-run); user errors are never retried.
import { KafkaLogError } from "./kafka-error";

export interface RetryPolicy {
  /** Attempts after the first failure; Infinity keeps retrying until stopped. */
  retries: number;
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 8, initialMs: 500, maxMs: 30_000 };

/** Delay before retry number `attempt` (1-based): initialMs doubled each time, capped. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** (attempt - 1));
}

export interface RetryObserver {
  onRetry(error: unknown, attempt: number, delayMs: number): void;
  /** Checked before each retry so a stop request ends the wait. */
  stopped(): boolean;
}

function retriable(error: unknown): boolean {
  return !(error instanceof KafkaLogError && error.kind === "user");
}

/** Runs `action` until it succeeds, a user error occurs, the policy gives up or we are stopped. */
export async function withRetry<T>(
  policy: RetryPolicy,
  observer: RetryObserver,
  action: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!retriable(error) || attempt > policy.retries || observer.stopped()) throw error;
      const delayMs = backoffMs(policy, attempt);
      observer.onRetry(error, attempt, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
