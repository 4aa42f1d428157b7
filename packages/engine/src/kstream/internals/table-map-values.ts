// KTable#mapValues (Kafka's KTableMapValues): maps both sides of the Change; null stays null.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { ValueMapper } from "./stream-map-values";

export function tableMapValuesProcessor(mapper: ValueMapper): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    const change = value as Change;
    out.all(
      key,
      new Change(
        change.newValue === null ? null : mapper(change.newValue, key, ts),
        change.oldValue === null ? null : mapper(change.oldValue, key, ts),
      ),
      ts,
    );
  };
}
