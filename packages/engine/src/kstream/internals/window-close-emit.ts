// EmitStrategy.onWindowClose for tumbling/hopping aggregations (Kafka's
// KStreamWindowAggregate with ON_WINDOW_CLOSE): updates are not forwarded; whenever the close
// time (stream time - grace) advances, the windows that closed since the last emit are read back
// from the window store and forwarded once each. A window the store has already expired (a jump
// in stream time past its retention) is never emitted.
import { Change, type Downstream, type ProcessorFactory } from "../../processor/processor";
import type { WindowEntry, WindowStore } from "../../state/window-store";
import type { TimeWindows } from "../time-windows";

const muted: Downstream = { all: () => {}, port: () => () => {} };

/** Wraps the window aggregate processor `aggregate`, which updates `storeName`. */
export function windowCloseEmit(
  aggregate: ProcessorFactory,
  storeName: string,
  windows: TimeWindows,
): ProcessorFactory {
  return (ctx, out) => {
    const update = aggregate(ctx, muted);
    const store = ctx.getStore<WindowStore>(storeName);
    let observed = Number.NEGATIVE_INFINITY;
    let lastEmitClose: number | undefined;
    return (key, value, ts) => {
      update(key, value, ts);
      // the aggregate drops these without advancing stream time
      if (key === null || key === undefined || value === null || value === undefined) return;
      if (ts > observed) observed = ts;
      const closeTime = observed - windows.graceMs;
      if (lastEmitClose !== undefined && lastEmitClose >= closeTime) return;
      // a window [start, start + size) has closed once start <= closeTime - size
      const upper = closeTime - windows.sizeMs;
      if (upper < 0) return;
      const lower =
        lastEmitClose === undefined ? 0 : Math.max(0, lastEmitClose - windows.sizeMs) + 1;
      lastEmitClose = closeTime;
      for (const e of closedWindows(store, lower, upper)) {
        const window = { start: e.start, end: e.start + windows.sizeMs };
        out.all({ key: e.key, window }, new Change(e.value, null), e.timestamp);
      }
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
