// KStream#flatMap and #flatMapValues: zero or more records per input record.
import type { ProcessorFactory } from "../../processor/processor";
import type { KeyValue } from "./stream-map";

export function flatMapProcessor(
  mapper: (key: any, value: any, ts: number) => Iterable<KeyValue>,
): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    for (const kv of mapper(key, value, ts)) out.all(kv.key, kv.value, ts);
  };
}

export function flatMapValuesProcessor(
  mapper: (value: any, key: any, ts: number) => Iterable<unknown>,
): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    for (const v of mapper(value, key, ts)) out.all(key, v, ts);
  };
}
