// Sources of topics with windowed keys (ksqlDB WINDOW_TYPE): a sink writes a Windowed key as
// the inner key plus window headers, so the source puts the window back on the key.
import type { Topic } from "@riffle/topology";
import { WINDOW_END_HEADER, WINDOW_START_HEADER } from "../kstream/internals/sink-node";
import type { ProcessorFactory, TimeWindow } from "../processor/processor";

type KeyWindow = NonNullable<Topic["windowed"]>;

/** Without window headers: the aligned time window of the record, or a one-record session. */
function fallbackWindow(spec: KeyWindow, ts: number): TimeWindow {
  if (spec.type === "session" || spec.sizeMs === undefined) return { start: ts, end: ts };
  const start = ts - (ts % spec.sizeMs);
  return { start, end: start + spec.sizeMs };
}

export function windowedKeys(spec: KeyWindow): ProcessorFactory {
  return (ctx, out) => (key, value, ts) => {
    const start = ctx.headers?.[WINDOW_START_HEADER];
    const end = ctx.headers?.[WINDOW_END_HEADER];
    const window =
      start !== undefined && end !== undefined
        ? { start: Number(start), end: Number(end) }
        : fallbackWindow(spec, ts);
    out.all({ key, window }, value, ts);
  };
}
