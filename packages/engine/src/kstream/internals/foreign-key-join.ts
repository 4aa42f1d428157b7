// KTable-KTable foreign-key join (Kafka's KIP-213 design, simplified): left rows are
// re-keyed by their foreign key into a subscription topic, co-partitioned with the right
// table. There a subscription store (fk, left key) -> left value meets right updates; results
// are re-keyed by the left key through a response topic and resolved against the left table's
// current row, so stale results (the row's foreign key moved on) are discarded.
import { Change, type ProcessorFactory } from "../../processor/processor";
import type { KeyValueStore } from "../../state/key-value-store";
import { storeKey } from "../../state/store-key";
import type { ValueJoiner } from "./stream-stream-join";
import type { ValueGetterSupplier } from "./value-getter";

/** A subscription message: the left row (or its removal) under a foreign key. */
export interface Subscription {
  leftKey: unknown;
  leftValue: unknown;
  /** The row left this foreign key: a removal that must not produce a result by itself. */
  moved: boolean;
}

/** A response: the join result for a left key, computed at the foreign key's partition. */
export interface FkResponse {
  fk: unknown;
  result: unknown;
}

/** Left side: Change on the left table -> subscription records keyed by foreign key. */
export function subscriptionSender(extract: (value: any) => unknown): ProcessorFactory {
  return (_ctx, out) => (key, value, ts) => {
    const change = value as Change;
    const newFk = change.newValue === null ? null : extract(change.newValue);
    const oldFk = change.oldValue === null ? null : extract(change.oldValue);
    if (oldFk !== null && oldFk !== undefined && storeKey(oldFk) !== storeKey(newFk)) {
      const moved = newFk !== null && newFk !== undefined;
      out.all(oldFk, { leftKey: key, leftValue: null, moved } satisfies Subscription, ts);
    }
    if (newFk !== null && newFk !== undefined) {
      out.all(
        newFk,
        { leftKey: key, leftValue: change.newValue, moved: false } satisfies Subscription,
        ts,
      );
    } else if (change.newValue !== null || oldFk === null) {
      // A left row without a foreign key joins nothing; a left join still emits it.
      out.all(
        null,
        { leftKey: key, leftValue: change.newValue, moved: false } satisfies Subscription,
        ts,
      );
    }
  };
}

const subKey = (fk: unknown, leftKey: unknown) => `${storeKey(fk)}\u0000${storeKey(leftKey)}`;

/** At the foreign key's partition: subscriptions in, results out keyed by left key. */
export function subscriptionProcessor(
  storeName: string,
  right: ValueGetterSupplier,
  joiner: ValueJoiner,
  leftJoin: boolean,
): ProcessorFactory {
  return (ctx, out) => {
    const subs = ctx.getStore<KeyValueStore<string, Subscription & { fk: unknown }>>(storeName);
    const getRight = right.get(ctx);
    return (fk, value, ts) => {
      const sub = value as Subscription;
      if (fk === null || fk === undefined) {
        const result =
          sub.leftValue !== null && leftJoin ? joiner(sub.leftValue, null, sub.leftKey) : null;
        out.all(sub.leftKey, { fk: null, result } satisfies FkResponse, ts);
        return;
      }
      const k = subKey(fk, sub.leftKey);
      if (sub.leftValue === null) {
        subs.delete(k, ts);
        if (!sub.moved) out.all(sub.leftKey, { fk, result: null } satisfies FkResponse, ts);
        return;
      }
      subs.put(k, { ...sub, fk }, ts);
      const r = getRight(fk);
      const result =
        r === undefined
          ? leftJoin
            ? joiner(sub.leftValue, null, sub.leftKey)
            : null
          : joiner(sub.leftValue, r.value, sub.leftKey);
      out.all(
        sub.leftKey,
        { fk, result } satisfies FkResponse,
        r === undefined ? ts : Math.max(ts, r.timestamp),
      );
    };
  };
}

/** Right table updates: re-join every subscribed left row of that foreign key. */
export function rightUpdateProcessor(
  storeName: string,
  joiner: ValueJoiner,
  leftJoin: boolean,
): ProcessorFactory {
  return (ctx, out) => {
    const subs = ctx.getStore<KeyValueStore<string, Subscription & { fk: unknown }>>(storeName);
    return (fk, value, ts) => {
      const change = value as Change;
      const prefix = `${storeKey(fk)}\u0000`;
      for (const { value: s } of [...subs.range(prefix, `${prefix}\uffff`)]) {
        const sub = s.value;
        const result =
          change.newValue === null
            ? leftJoin
              ? joiner(sub.leftValue, null, sub.leftKey)
              : null
            : joiner(sub.leftValue, change.newValue, sub.leftKey);
        out.all(sub.leftKey, { fk, result } satisfies FkResponse, ts);
      }
    };
  };
}

/** Back at the left key's partition: drop stale responses, materialize, forward the Change. */
export function responseResolver(
  storeName: string,
  left: ValueGetterSupplier,
  extract: (value: any) => unknown,
): ProcessorFactory {
  return (ctx, out) => {
    const store = ctx.getStore<KeyValueStore>(storeName);
    const getLeft = left.get(ctx);
    return (key, value, ts) => {
      const response = value as FkResponse;
      const current = getLeft(key);
      const currentFk = current === undefined ? null : (extract(current.value) ?? null);
      const stale =
        current === undefined
          ? response.result !== null
          : storeKey(currentFk) !== storeKey(response.fk ?? null);
      if (stale) return;
      const old = store.get(key);
      const oldValue = old === undefined ? null : old.value;
      if (response.result === null) {
        if (old === undefined) return;
        store.delete(key, ts);
      } else store.put(key, response.result, ts);
      out.all(key, new Change(response.result, oldValue), ts);
    };
  };
}
