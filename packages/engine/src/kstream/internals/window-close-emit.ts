// EmitStrategy.onWindowClose for tumbling/hopping aggregations (Kafka's
// KStreamWindowAggregate with ON_WINDOW_CLOSE): updates are not forwarded; whenever the close
// time (stream time - grace) reaches the end of a window not emitted yet, the windows that closed
// since the last emit are read back from the window store and forwarded once each. A window the
// store has already expired (a jump in stream time past its retention) is never emitted.
// The last emitted close time lives in a logged store of the task (Kafka keeps it in the
// processor metadata committed with the offsets, KIP-825), so a restarted task neither emits a
// window again nor skips one.
import { Change, type Downstream, type ProcessorFactory } from "../../processor/processor";
import { inMemoryKeyValueStore, type KeyValueStore } from "../../state/key-value-store";
import type { StoreSupplier } from "../../state/store";
import type { WindowEntry, WindowStore } from "../../state/window-store";
import type { TimeWindows } from "../time-windows";

const muted: Downstream = { all: () => {}, port: () => () => {} };

/** `<window store>-emit-final`: one entry, keyed by the window store name as Kafka keys it. */
export function lastEmitCloseStore(
  windowStoreName: string,
  logged: boolean,
): StoreSupplier<KeyValueStore<string, number>> {
  return inMemoryKeyValueStore(lastEmitCloseStoreName(windowStoreName), logged);
}

function lastEmitCloseStoreName(windowStoreName: string): string {
  return `${windowStoreName}-emit-final`;
}

/** Wraps the window aggregate processor `aggregate`, which updates `storeName`. */
export function windowCloseEmit(
  aggregate: ProcessorFactory,
  storeName: string,
  windows: TimeWindows,
): ProcessorFactory {
  return (ctx, out) => {
    const update = aggregate(ctx, muted);
    const store = ctx.getStore<WindowStore>(storeName);
    const emitted = ctx.getStore<KeyValueStore<string, number>>(lastEmitCloseStoreName(storeName));
    // read on the first record: the task restores its stores after building its processors
    let restored = false;
    let lastEmitClose: number | undefined;
    // the processor's own view of stream time, as Kafka's observedStreamTime (KAFKA-7895)
    let observed = Number.NEGATIVE_INFINITY;
    return (key, value, ts) => {
      update(key, value, ts);
      // the aggregate drops these without advancing stream time
      if (key === null || key === undefined || value === null || value === undefined) return;
      if (!restored) {
        lastEmitClose = emitted.get(storeName)?.value;
        restored = true;
      }
      if (ts > observed) observed = ts;
      const closeTime = observed - windows.graceMs;
      // a window [start, start + size) has closed once start <= closeTime - size
      const upper = closeTime - windows.sizeMs;
      const lower = lastEmitClose === undefined ? 0 : lastEmitClose - windows.sizeMs + 1;
      if (upper < 0 || upper - (upper % windows.advanceMs) < lower) return;
      for (const e of closedWindows(store, lower, upper)) {
        const window = { start: e.start, end: e.start + windows.sizeMs };
        out.all({ key: e.key, window }, new Change(e.value, null), e.timestamp);
      }
      lastEmitClose = closeTime;
      emitted.put(storeName, closeTime, ts);
    };
  };
}

/** Windows of every key with lower <= start <= upper, in the store's time-first order. */
function closedWindows(
  store: WindowStore,
  lower: number,
  upper: number,
): WindowEntry<unknown, unknown>[] {
  const found = [...store.fetchAll(lower, upper)];
  return found.sort((a, b) => a.start - b.start || compareKeys(a.key, b.key));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = typeof a === "string" ? a : JSON.stringify(a);
  const y = typeof b === "string" ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
