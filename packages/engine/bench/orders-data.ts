// Generated benchmark input: orders over 10k customer keys, 10 ms apart, 1% of them late by up
// to 3 s (out of order); payments for the join follow their order by 0-5 s. Deterministic.
import { utf8Encode } from "../src/serde/serde";

export interface Order {
  id: string;
  customer: string;
  amount: number;
  ts: number;
}

export interface BenchRecord {
  topic: string;
  key: string;
  value: Order;
  timestamp: number;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const KEYS = 10_000;
const BASE = 1_700_000_000_000;

export function orders(count: number): BenchRecord[] {
  const rnd = random(42);
  return Array.from({ length: count }, (_, i) => {
    const late = rnd() < 0.01 ? Math.floor(rnd() * 3000) : 0;
    const ts = BASE + i * 10 - late;
    const customer = `c${Math.floor(rnd() * KEYS)}`;
    return {
      topic: "orders",
      key: customer,
      value: { id: `o${i}`, customer, amount: Math.floor(rnd() * 20000) / 100, ts },
      timestamp: ts,
    };
  });
}

/** Orders and payments interleaved in timestamp order, `count` records in all. */
export function ordersAndPayments(count: number): BenchRecord[] {
  const base = orders(count / 2);
  const rnd = random(7);
  const payments = base.map((o) => ({
    topic: "payments",
    key: o.key,
    value: { ...o.value, id: `p-${o.value.id}` },
    timestamp: o.timestamp + Math.floor(rnd() * 5000),
  }));
  return [...base, ...payments].sort((a, b) => a.timestamp - b.timestamp);
}

/** The same records as bytes, the way they sit on a log. */
export function encoded(
  records: BenchRecord[],
): { topic: string; key: Uint8Array; value: Uint8Array; timestamp: number }[] {
  return records.map((r) => ({
    topic: r.topic,
    key: utf8Encode(r.key),
    value: utf8Encode(JSON.stringify(r.value)),
    timestamp: r.timestamp,
  }));
}
