// KTable#groupBy (Kafka's KTableRepartitionMap): each update becomes a subtraction of the old
// row under its old group key and an addition of the new row under its new group key; the
// result always goes through a repartition topic.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { KeyValue } from "./stream-map";

export function tableGroupByProcessor(
  selector: (key: any, value: any, ts: number) => KeyValue,
): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    const change = value as Change;
    if (change.oldValue !== null) {
      const old = selector(key, change.oldValue, ts);
      out.all(old.key, new Change(null, old.value), ts);
    }
    if (change.newValue !== null) {
      const next = selector(key, change.newValue, ts);
      out.all(next.key, new Change(next.value, null), ts);
    }
  };
}
