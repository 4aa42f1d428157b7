// Fuses a chain of stateless steps (filter, mapValues, selectKey, peek) into one processor that
// loops over the steps: one call per record for the whole chain instead of one per node.
import type { NodeCounters } from "./metrics";
import type { Emit, FusableStep } from "./processor";
import type { TapSlot } from "./taps";

export interface FusedStep {
  step: FusableStep;
  counters: NodeCounters;
  tap: TapSlot;
  name: string;
}

export function fuseSteps(chain: FusedStep[], out: Emit, meta: () => TapMeta): Emit {
  const n = chain.length;
  return (key, value, timestamp) => {
    for (let i = 0; i < n; i++) {
      const { step, counters, tap } = chain[i];
      counters.recordsIn++;
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
      counters.recordsOut++;
      if (tap.listener) tap.listener({ node: chain[i].name, key, value, timestamp, ...meta() });
    }
    out(key, value, timestamp);
  };
}

export interface TapMeta {
  topic: string;
  partition: number;
  offset: number;
}
