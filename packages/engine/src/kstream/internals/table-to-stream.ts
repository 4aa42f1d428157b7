// KTable#toStream: the changelog stream of the table; a deletion becomes a null value.
import type { Change, ProcessorFactory } from "../../processor/processor";

export const toStreamProcessor: ProcessorFactory = (_ctx, out) => (key, value, ts) => {
  out.all(key, (value as Change).newValue, ts);
};
