// Orders joined with their payments within 10 minutes: a windowed stream-stream join.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const ordersPayments: Template = {
  name: "orders-payments",
  title: "Orders joined with payments",
  description:
    "Matches each order with a payment for the same order id that arrives within 10 minutes after it (stream-stream inner join, JoinWindows of 10 minutes after, 1 minute grace). Both topics have 6 partitions and the same key, so no repartition is needed.",
  samples: ["orders", "payments"],
  document: topologyOf(
    "orders-payments",
    "Orders paid within 10 minutes.",
    [SAMPLE_TOPICS.orders, SAMPLE_TOPICS.payments],
    [
      {
        id: "orders",
        kind: "stream-source",
        config: { topic: "orders", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      {
        id: "payments",
        kind: "stream-source",
        config: { topic: "payments", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      {
        id: "paid",
        kind: "stream-stream-join",
        config: {
          joinType: "inner",
          beforeMs: 0,
          afterMs: 600_000,
          graceMs: 60_000,
          leftAlias: "O",
          rightAlias: "P",
          columns: [
            { name: "ORDER_ID", expr: "O.orderId" },
            { name: "CUSTOMER_ID", expr: "O.customerId" },
            { name: "PRODUCT", expr: "O.product" },
            { name: "AMOUNT", expr: "O.amount" },
            { name: "PAID", expr: "P.amount" },
            { name: "METHOD", expr: "P.method" },
          ],
        },
      },
      { id: "orders-paid", kind: "sink", config: { topic: "orders-paid" } },
    ],
    [
      ...chain("orders", "paid>left"),
      ...chain("payments", "paid>right"),
      ...chain("paid", "orders-paid"),
    ],
  ),
};
