// KTable-KTable equi-join (Kafka's KTableKTableJoin/LeftJoin/OuterJoin): an update on either
// side looks up the other side's current value and forwards Change(new join, old join).
// Inner needs both rows; left needs the left row; outer needs either. A side deleting its row
// forwards a tombstone when a join result existed. The result timestamp is the max of both.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { JoinType } from "./join-type";
import type { ValueJoiner } from "./stream-stream-join";
import type { ValueGetter, ValueGetterSupplier } from "./value-getter";

/** Whether a side's row is required for a result, by join type: [this side, other side]. */
function required(type: JoinType, isLeft: boolean): [boolean, boolean] {
  if (type === "inner") return [true, true];
  if (type === "outer") return [false, false];
  return isLeft ? [true, false] : [false, true];
}

export function tableTableJoinProcessor(
  type: JoinType,
  isLeft: boolean,
  other: ValueGetterSupplier,
  joiner: ValueJoiner,
): ProcessorFactory {
  const [needThis, needOther] = required(type, isLeft);
  return (ctx, out) => {
    const get = other.get(ctx);
    const join = (k: unknown, mine: unknown, theirs: unknown) => {
      if ((mine === null && needThis) || (theirs === null && needOther)) return null;
      if (mine === null && theirs === null) return null;
      return isLeft ? joiner(mine, theirs, k) : joiner(theirs, mine, k);
    };
    return (key, value, ts) => {
      const change = value as Change;
      const found = get(key);
      const theirs = found === undefined ? null : found.value;
      if (theirs === null && needOther) return;
      if (theirs === null && change.newValue === null && change.oldValue === null) return;
      const resultTs = found === undefined ? ts : Math.max(ts, found.timestamp);
      out.all(
        key,
        new Change(join(key, change.newValue, theirs), join(key, change.oldValue, theirs)),
        resultTs,
      );
    };
  };
}

/** The joined table's value getter: the join computed from both sides' getters. */
export function tableTableJoinGetter(
  type: JoinType,
  left: ValueGetterSupplier,
  right: ValueGetterSupplier,
  joiner: ValueJoiner,
): ValueGetterSupplier {
  return {
    stores: [...left.stores, ...right.stores],
    get: (ctx) => {
      const l: ValueGetter = left.get(ctx);
      const r: ValueGetter = right.get(ctx);
      return (key) => {
        const lv = l(key);
        const rv = r(key);
        if (type === "inner" && (lv === undefined || rv === undefined)) return undefined;
        if (type === "left" && lv === undefined) return undefined;
        if (lv === undefined && rv === undefined) return undefined;
        return {
          value: joiner(lv?.value ?? null, rv?.value ?? null, key),
          timestamp: Math.max(lv?.timestamp ?? 0, rv?.timestamp ?? 0),
        };
      };
    },
  };
}
