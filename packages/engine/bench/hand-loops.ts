// The baselines: hand-written loops doing the same work as each engine pipeline — decode (or
// not), compute, produce a keyed output record (key bytes passed through, value encoded) —
// with no framework.
import type { Order } from "./orders-data";

export interface Input {
  topic: string;
  key: unknown;
  value: unknown;
  timestamp: number;
}

/** Where a loop produces its output records. */
export interface Output {
  push(record: unknown): void;
}

/**
 * Output handed on in batches of 1000, as the engine's outputs are drained every 1000 records:
 * a loop that kept all its outputs would promote them, and the next round, engine or hand,
 * would pay for collecting them.
 */
export class BatchedOutput implements Output {
  private handed = 0;
  private batch: unknown[] = [];

  push(record: unknown): void {
    this.batch.push(record);
    if (this.batch.length === 1000) {
      this.handed += 1000;
      this.batch = [];
    }
  }

  get length(): number {
    return this.handed + this.batch.length;
  }
}

export type Codec = {
  decodeKey(b: unknown): string;
  decode(b: unknown): Order;
  encode(v: unknown): unknown;
};

export const jsonCodec: Codec = {
  decodeKey: (b) => Buffer.from(b as Uint8Array).toString(),
  decode: (b) => JSON.parse(Buffer.from(b as Uint8Array).toString()),
  encode: (v) => Buffer.from(JSON.stringify(v)),
};

export const objectCodec: Codec = {
  decodeKey: (b) => b as string,
  decode: (b) => b as Order,
  encode: (v) => v,
};

export function p1(input: Input[], c: Codec, out: Output): void {
  for (const r of input) {
    const v = c.decode(r.value);
    if (v.amount > 100)
      out.push({ key: r.key, value: c.encode({ id: v.id, total: v.amount * 1.2 }) });
  }
}

export function p2(input: Input[], c: Codec, out: Output): void {
  const counts = new Map<string, number>();
  for (const r of input) {
    const key = c.decodeKey(r.key);
    c.decode(r.value);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    out.push({ key: r.key, value: c.encode(n) });
  }
}

export function p3(input: Input[], c: Codec, out: Output): void {
  const size = 60_000;
  const grace = 5_000;
  const counts = new Map<string, number>();
  let streamTime = 0;
  for (const r of input) {
    const key = c.decodeKey(r.key);
    c.decode(r.value);
    if (r.timestamp > streamTime) streamTime = r.timestamp;
    const start = r.timestamp - (r.timestamp % size);
    if (start + size <= streamTime - grace) continue;
    const id = `${key}@${start}`;
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    out.push({ key: r.key, value: c.encode(n), window: start });
  }
}

export function p4(input: Input[], c: Codec, out: Output): void {
  const window = 10_000;
  const sides = {
    orders: new Map<string, { ts: number; v: Order }[]>(),
    payments: new Map<string, { ts: number; v: Order }[]>(),
  };
  let streamTime = 0;
  for (const r of input) {
    const key = c.decodeKey(r.key);
    const v = c.decode(r.value);
    const ts = r.timestamp;
    if (ts > streamTime) streamTime = ts;
    if (ts + window < streamTime) continue;
    const isOrder = r.topic === "orders";
    const mine = isOrder ? sides.orders : sides.payments;
    const other = isOrder ? sides.payments : sides.orders;
    const list = mine.get(key) ?? [];
    list.push({ ts, v });
    mine.set(key, list);
    const candidates = other.get(key);
    if (!candidates) continue;
    let live = 0;
    for (const o of candidates) {
      if (o.ts + 2 * window < streamTime) continue;
      candidates[live++] = o;
      if (o.ts >= ts - window && o.ts <= ts + window) {
        const [order, payment] = isOrder ? [v, o.v] : [o.v, v];
        out.push({
          key: r.key,
          value: c.encode({ order: order.id, payment: payment.id, amount: order.amount }),
        });
      }
    }
    candidates.length = live;
  }
}
