// What a sample data generator is: a topic declaration (the same shape as a topology document's
// topics) and a function producing the records due at a tick. Generators share one `SampleWorld`
// so that keys line up across topics and joins find their partners.
import type { Topic } from "@riffle/topology";

/** One generated record; the worker produces it into the generator's topic. */
export interface SampleRecord {
  key: unknown;
  value: unknown;
  timestamp: number;
}

export interface PendingPayment {
  orderId: string;
  customerId: string;
  amount: number;
  dueAt: number;
}

export interface ClickSession {
  userId: string;
  sessionId: string;
  clicksLeft: number;
}

/** Everything generators remember between ticks; one world per worker. */
export interface SampleWorld {
  customerIds: string[];
  pendingPayments: PendingPayment[];
  activeSessions: ClickSession[];
  temperatures: Map<string, number>;
  sequences: { orders: number; sessions: number };
  random: () => number;
}

export interface SampleGenerator {
  name: string;
  description: string;
  topic: Topic;
  /** Records per second when started without a rate. */
  defaultRate: number;
  /** Records to produce once when the generator starts (a table's initial state). */
  initial?(world: SampleWorld, now: number): SampleRecord[];
  /** One record, produced `rate` times a second; undefined when nothing is due. */
  next(world: SampleWorld, now: number): SampleRecord | undefined;
}

export function createWorld(random = Math.random): SampleWorld {
  const customerIds = Array.from({ length: 200 }, (_, i) => `C${String(i + 1).padStart(4, "0")}`);
  return {
    customerIds,
    pendingPayments: [],
    activeSessions: [],
    temperatures: new Map(),
    sequences: { orders: 0, sessions: 0 },
    random,
  };
}

export function pick<T>(world: SampleWorld, items: readonly T[]): T {
  return items[Math.floor(world.random() * items.length)]!;
}

export function between(world: SampleWorld, min: number, max: number): number {
  return min + world.random() * (max - min);
}

export const money = (x: number) => Math.round(x * 100) / 100;
