// Fuses a chain of stateless steps (filter, mapValues, selectKey, peek) into one processor that
// loops over the steps: one call per record for the whole chain instead of one per node. Each
// step counts what it passes on; what it receives is what the step before passed.
import type { Emit, FusableStep } from "./processor";
import type { TapPosition, TapSlot } from "./taps";

export interface FusedStep {
  step: FusableStep;
  /** Slot in `counts` of the records this step outputs. */
  slot: number;
  tap: TapSlot;
}

export function fuseSteps(
  chain: FusedStep[],
  out: Emit,
  counts: Float64Array,
  at: TapPosition,
): Emit {
  const n = chain.length;
  return (key, value, timestamp) => {
    for (let i = 0; i < n; i++) {
      const { step, slot, tap } = chain[i];
      switch (step.op) {
        case "filter":
          if (!step.test(key, value, timestamp)) return;
          break;
        case "map-values":
          value = step.map(key, value, timestamp);
          break;
        case "select-key":
          key = step.map(key, value, timestamp);
          break;
        case "peek":
          step.action(key, value);
          break;
      }
      counts[slot]++;
      if (tap.listener !== undefined) tap.send(key, value, timestamp, at);
    }
    out(key, value, timestamp);
  };
}
