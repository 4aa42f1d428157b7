// The source processor: decodes key and value, extracts the timestamp, advances stream time.
// Records that do not decode or have no valid timestamp go to the dead-letter output. It counts
// the records it reads and forwards itself and calls its children directly.
import type { SourceSpec } from "../kstream/internals/graph-node";
import type { LogRecord } from "../log/log";
import type { Emit } from "./processor";
import type { TapSlot } from "./taps";
import type { TaskContext } from "./task-context";
import { isValidTimestamp } from "./timestamp-extractor";

/** Slots in `counts` of the records a source reads and forwards, and its tap. */
export interface SourceCounting {
  readonly counts: Float64Array;
  readonly read: number;
  readonly forwarded: number;
  readonly tap: TapSlot;
}

export function buildSource(
  spec: SourceSpec,
  ctx: TaskContext,
  out: Emit,
  { counts, read, forwarded, tap }: SourceCounting,
): (record: LogRecord) => void {
  const { keySerde, valueSerde, timestamp } = spec;
  const wallClock = ctx.env.wallClock;
  return (record) => {
    counts[read]++;
    let key: unknown;
    let value: unknown;
    try {
      key = keySerde.deserialize(record.key);
    } catch (error) {
      ctx.deadLetter(
        record,
        `key does not decode as ${keySerde.name}: ${(error as Error).message}`,
      );
      return;
    }
    try {
      value = valueSerde.deserialize(record.value);
    } catch (error) {
      ctx.deadLetter(
        record,
        `value does not decode as ${valueSerde.name}: ${(error as Error).message}`,
      );
      return;
    }
    const ts = timestamp(record, value, wallClock);
    if (!isValidTimestamp(ts)) {
      ctx.metrics.droppedRecords++;
      ctx.deadLetter(record, Number.isNaN(ts) ? "missing timestamp" : `invalid timestamp ${ts}`);
      return;
    }
    ctx.timestamp = ts;
    if (ts > ctx.streamTime) ctx.streamTime = ts;
    counts[forwarded]++;
    if (tap.listener !== undefined) tap.send(key, value, ts, ctx);
    out(key, value, ts);
  };
}
