// KStream#filter / #filterNot as a fusable step.
import type { FusableStep } from "../../processor/processor";

export type Predicate<K = any, V = any> = (key: K, value: V) => boolean;

export function filterStep(predicate: Predicate, negate: boolean): FusableStep {
  return { op: "filter", test: negate ? (k, v) => !predicate(k, v) : predicate };
}
