// KTable#filter / #filterNot (Kafka's KTableFilter): values failing the predicate read as
// deletions; an update where both old and new fail is not forwarded.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { Predicate } from "./stream-filter";

export function tableFilterProcessor(predicate: Predicate, negate: boolean): ProcessorFactory {
  const keep = (k: unknown, v: unknown, ts: number) => v !== null && predicate(k, v, ts) !== negate;
  return (_ctx, out) => (key, value, ts) => {
    const change = value as Change;
    const newValue = keep(key, change.newValue, ts) ? change.newValue : null;
    const oldValue = keep(key, change.oldValue, ts) ? change.oldValue : null;
    if (newValue === null && oldValue === null) return;
    out.all(key, new Change(newValue, oldValue), ts);
  };
}
