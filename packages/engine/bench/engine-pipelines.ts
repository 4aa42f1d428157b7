// The four benchmark pipelines written with the engine's DSL.
import {
  Consumed,
  JoinWindows,
  jsonSerde,
  Produced,
  type Serde,
  StreamsBuilder,
  stringSerde,
  TimeWindows,
  type Topology,
} from "../src/index";
import type { Order } from "./orders-data";

/** Passes JS values through untouched: the pipelines without JSON decoding. */
export const objectSerde: Serde = {
  name: "OBJECT",
  serialize: (v) => v as any,
  deserialize: (b) => b,
};

export function pipeline(name: string, json: boolean): Topology {
  const key = json ? (stringSerde() as Serde) : objectSerde;
  const value = json ? jsonSerde() : objectSerde;
  const b = new StreamsBuilder();
  const consumed = Consumed.with(key, value);
  const produced = Produced.with(key, value);
  const orders = b.stream<string, Order>("orders", consumed);
  if (name === "P1") {
    orders
      .filter((_k, v) => v.amount > 100)
      .mapValues((v) => ({ id: v.id, total: v.amount * 1.2 }))
      .to("out", produced);
  } else if (name === "P2") {
    orders.groupByKey().count().toStream().to("out", produced);
  } else if (name === "P3") {
    orders
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(60_000, 5_000))
      .count()
      .toStream()
      .to("out", produced);
  } else {
    orders
      .join(
        b.stream<string, Order>("payments", consumed),
        (o, p) => ({ order: o.id, payment: p.id, amount: o.amount }),
        JoinWindows.ofTimeDifferenceWithNoGrace(10_000),
      )
      .to("out", produced);
  }
  return b.build({ applicationId: "bench" });
}
