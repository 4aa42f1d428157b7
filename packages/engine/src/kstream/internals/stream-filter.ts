// KStream#filter / #filterNot as a fusable step.
import type { FusableStep } from "../../processor/processor";

/** Kafka's Predicate; the record timestamp is passed as a third argument. */
export type Predicate<K = any, V = any> = (key: K, value: V, timestamp: number) => boolean;

export function filterStep(predicate: Predicate, negate: boolean): FusableStep {
  return { op: "filter", test: negate ? (k, v, ts) => !predicate(k, v, ts) : predicate };
}
