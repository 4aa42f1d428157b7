// KStream#flatMap and #flatMapValues: zero or more records per input record.
import type { ProcessorFactory } from "../../processor/processor";
import type { KeyValue } from "./stream-map";

export function flatMapProcessor(
  mapper: (key: any, value: any) => Iterable<KeyValue>,
): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    for (const kv of mapper(key, value)) out.all(kv.key, kv.value, ts);
  };
}

export function flatMapValuesProcessor(
  mapper: (value: any, key: any) => Iterable<unknown>,
): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    for (const v of mapper(value, key)) out.all(key, v, ts);
  };
}
