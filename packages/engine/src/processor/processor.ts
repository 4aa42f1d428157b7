// The Processor API in closure form: each processor is a synchronous `Emit` function built
// once per task; forwarding is a direct call to the children's functions (no Promise, no event
// emitter per record).
import type { TaskContext } from "./task-context";

/** Processes (or forwards) one record. Table processors carry `Change` values. */
export type Emit = (key: unknown, value: unknown, timestamp: number) => void;

/** The children of a processor: all of them, or those attached to one named port (branches). */
export interface Downstream {
  readonly all: Emit;
  port(name: string): Emit;
}

/** Builds a node's processor for one task. */
export type ProcessorFactory = (ctx: TaskContext, out: Downstream) => Emit;

/** A KTable update: the new value and the one it replaces (null = absent / tombstone). */
export class Change<V = unknown> {
  constructor(
    readonly newValue: V | null,
    readonly oldValue: V | null,
  ) {}
}

export interface TimeWindow {
  readonly start: number;
  /** Exclusive for time windows, inclusive for session and sliding windows. */
  readonly end: number;
}

/** A windowed key (Kafka's `Windowed<K>`). */
export interface Windowed<K = unknown> {
  readonly key: K;
  readonly window: TimeWindow;
}

export function isWindowed(key: unknown): key is Windowed {
  return typeof key === "object" && key !== null && "window" in key && "key" in key;
}

/** A stateless step that can be fused with its neighbours into one processor loop. */
export type FusableStep =
  | { readonly op: "filter"; readonly test: (key: unknown, value: unknown, ts: number) => boolean }
  | {
      readonly op: "map-values";
      readonly map: (key: unknown, value: unknown, ts: number) => unknown;
    }
  | {
      readonly op: "select-key";
      readonly map: (key: unknown, value: unknown, ts: number) => unknown;
    }
  | { readonly op: "peek"; readonly action: (key: unknown, value: unknown) => void };

/**
 * Where the record being processed came from. Single-threaded processing makes one shared
 * object enough; expressions read ROWPARTITION and ROWOFFSET from it.
 */
export const recordContext = { partition: 0, offset: -1 };
