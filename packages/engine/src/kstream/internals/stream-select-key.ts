// KStream#selectKey as a fusable step; the resulting stream is marked for repartitioning.
import type { FusableStep } from "../../processor/processor";

export type KeyValueMapper<K = any, V = any, R = any> = (key: K, value: V, timestamp: number) => R;

export function selectKeyStep(mapper: KeyValueMapper): FusableStep {
  return { op: "select-key", map: mapper };
}
