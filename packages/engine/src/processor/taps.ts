// Taps let a caller watch what one node outputs (the worker streams them to browsers). A slot
// per node keeps the hot path to one property read when nobody is watching.

export interface TappedRecord {
  node: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  topic: string;
  partition: number;
  offset: number;
}

export type TapListener = (record: TappedRecord) => void;

export interface TapSlot {
  listener: TapListener | undefined;
}

export class Taps {
  private readonly slots = new Map<string, TapSlot>();

  slot(node: string): TapSlot {
    let s = this.slots.get(node);
    if (!s) {
      s = { listener: undefined };
      this.slots.set(node, s);
    }
    return s;
  }

  /** Starts watching a node; returns the function that stops it. */
  tap(node: string, listener: TapListener): () => void {
    const s = this.slot(node);
    s.listener = listener;
    return () => {
      if (s.listener === listener) s.listener = undefined;
    };
  }
}
