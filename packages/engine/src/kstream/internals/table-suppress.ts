// KTable#suppress (Kafka's KTableSuppressProcessor with an in-memory time-ordered buffer):
// updates wait in a changelogged buffer keyed by record key, ordered by buffer time.
// untilWindowCloses: buffer time = window end, emitted once stream time >= end + grace (one
// final result per window, tombstones dropped). untilTimeLimit: buffer time = record time,
// emitted once stream time >= time + limit, or early when the buffer exceeds maxRecords.
import { Change, isWindowed, type ProcessorFactory } from "../../processor/processor";
import type { KeyValueStore } from "../../state/key-value-store";
import { storeKey } from "../../state/store-key";
import type { Suppressed } from "../suppressed";

interface Buffered {
  key: unknown;
  newValue: unknown;
  oldValue: unknown;
  ts: number;
}

const pad = (t: number) => String(t).padStart(16, "0");

export function suppressProcessor(
  storeName: string,
  suppressed: Suppressed,
  graceMs: number,
): ProcessorFactory {
  const finalResults = suppressed.until === "window-close";
  const waitMs = finalResults ? graceMs : suppressed.timeToWaitMs;
  const maxRecords = suppressed.until === "time-limit" ? suppressed.maxRecords : undefined;
  return (ctx, out) => {
    const buffer = ctx.getStore<KeyValueStore<string, Buffered>>(storeName);
    // record key -> buffer key; filled on the first record, as the task restores the buffer
    // from its changelog only after building its processors
    const index = new Map<string, string>();
    let restored = false;
    let observed = Number.NEGATIVE_INFINITY;

    const emit = (bufferKey: string, b: Buffered) => {
      buffer.delete(bufferKey, b.ts);
      index.delete(storeKey(b.key));
      if (finalResults && b.newValue === null) return;
      out.all(b.key, new Change(b.newValue, b.oldValue), b.ts);
    };

    const evict = () => {
      const limit = `${pad(observed - waitMs)}|\uffff`;
      const due = [...buffer.range(undefined, limit)];
      for (const e of due) emit(e.key, e.value.value);
      if (maxRecords !== undefined) {
        for (const e of buffer.all()) {
          if (buffer.size() <= maxRecords) break;
          emit(e.key, e.value.value);
        }
      }
    };

    return (key, value, ts) => {
      if (!restored) {
        for (const e of buffer.all()) index.set(storeKey(e.value.value.key), e.key);
        restored = true;
      }
      const change = value as Change;
      if (ts > observed) observed = ts;
      const bufferTime = finalResults && isWindowed(key) ? key.window.end : ts;
      const k = storeKey(key);
      const existing = index.get(k);
      const prior = existing === undefined ? undefined : buffer.get(existing)?.value;
      if (existing !== undefined) buffer.delete(existing, ts);
      const bufferKey = `${pad(prior ? Math.min(bufferTime, bufferTimeOf(existing!)) : bufferTime)}|${k}`;
      buffer.put(
        bufferKey,
        { key, newValue: change.newValue, oldValue: prior ? prior.oldValue : change.oldValue, ts },
        ts,
      );
      index.set(k, bufferKey);
      evict();
    };
  };
}

function bufferTimeOf(bufferKey: string): number {
  return Number(bufferKey.slice(0, 16));
}
