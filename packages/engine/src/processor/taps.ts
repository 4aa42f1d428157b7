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

/** Where the record being processed came from (the task context). */
export interface TapPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export class TapSlot {
  listener: TapListener | undefined = undefined;

  constructor(readonly node: string) {}

  /** Hands a record the node outputs to the listener; callers check `listener` first. */
  send(key: unknown, value: unknown, timestamp: number, at: TapPosition): void {
    this.listener?.({
      node: this.node,
      key,
      value,
      timestamp,
      topic: at.topic,
      partition: at.partition,
      offset: at.offset,
    });
  }
}

export class Taps {
  private readonly slots = new Map<string, TapSlot>();

  slot(node: string): TapSlot {
    let s = this.slots.get(node);
    if (!s) {
      s = new TapSlot(node);
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
