// The crash test's topology and input: a 1-minute windowed count and a stream-table join,
// keyed alike on 3 co-partitioned topics so each task's output depends on its input alone.
import { jsonSerde, type Log, StreamsBuilder, TimeWindows, type Topology } from "../../src";

export interface Order {
  amount: number;
}

export function crashTopology(): Topology {
  const b = new StreamsBuilder();
  const orders = b.stream<string, Order>("orders");
  const customers = b.table<string, { name: string }>("customers");
  orders
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeAndGrace(60_000, 5_000))
    .count()
    .toStream()
    .to("counts");
  orders
    .join(customers, (o: Order, c: { name: string }) => ({ amount: o.amount, name: c.name }))
    .to("enriched");
  // Outputs have the inputs' partition count: each output partition is written by one task,
  // so its order is defined (Kafka Streams orders output per input partition, not across).
  return b.build({
    applicationId: "crash",
    topicPartitions: { orders: 3, customers: 3, counts: 3, enriched: 3 },
  });
}

/** Deterministic input: customers first, then orders over 2,000 keys with 1% out of order. */
export async function writeCrashInput(log: Log, orders: number): Promise<void> {
  const json = jsonSerde();
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  await log.createTopic("orders", { partitions: 3 });
  await log.createTopic("customers", { partitions: 3 });
  const customers = Array.from({ length: 2000 }, (_, i) => ({
    topic: "customers",
    timestamp: 0,
    key: json.serialize(`c${i}`),
    value: json.serialize({ name: `customer ${i}` }),
  }));
  await log.append(customers);
  for (let start = 0; start < orders; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, orders - start) }, (_, j) => {
      const i = start + j;
      const late = random() < 0.01 ? Math.floor(random() * 30_000) : 0;
      return {
        topic: "orders",
        timestamp: 1_000_000 + i * 10 - late,
        key: json.serialize(`c${Math.floor(random() * 2000)}`),
        value: json.serialize({ amount: Math.round(random() * 10_000) / 100 }),
      };
    });
    await log.append(batch);
  }
}
