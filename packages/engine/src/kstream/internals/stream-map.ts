// KStream#map: a new key and value per record; marks the stream for repartitioning.
import type { ProcessorFactory } from "../../processor/processor";

export interface KeyValue<K = any, V = any> {
  key: K;
  value: V;
}

export function mapProcessor(
  mapper: (key: any, value: any, ts: number) => KeyValue,
): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    const kv = mapper(key, value, ts);
    out.all(kv.key, kv.value, ts);
  };
}
