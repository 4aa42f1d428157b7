// KStream#mapValues as a fusable step: the key is kept, so no repartition is needed.
import type { FusableStep } from "../../processor/processor";

export type ValueMapper<V = any, K = any, R = any> = (value: V, key: K, timestamp: number) => R;

export function mapValuesStep(mapper: ValueMapper): FusableStep {
  return { op: "map-values", map: (k, v, ts) => mapper(v, k, ts) };
}
