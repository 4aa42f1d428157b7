// Orders enriched with customer names: re-key, then a stream-table left join.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const ordersEnriched: Template = {
  name: "orders-enriched",
  title: "Orders enriched with customers",
  description:
    "Re-keys orders by customer id (a repartition follows, as in Kafka Streams) and left-joins them with the customers table, so every order carries the customer's name and tier; orders of unknown customers keep null fields.",
  samples: ["orders", "customers"],
  document: topologyOf(
    "orders-enriched",
    "Orders with their customer's name and tier.",
    [SAMPLE_TOPICS.orders, SAMPLE_TOPICS.customers],
    [
      {
        id: "orders",
        kind: "stream-source",
        config: { topic: "orders", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      {
        id: "customers",
        kind: "table-source",
        config: { topic: "customers", timestamp: { kind: "record" } },
      },
      {
        id: "by-customer",
        kind: "select-key",
        config: { key: "customerId", keyName: "CUSTOMER_ID" },
      },
      {
        id: "enrich",
        kind: "stream-table-join",
        config: {
          joinType: "left",
          leftAlias: "O",
          rightAlias: "C",
          columns: [
            { name: "ORDER_ID", expr: "O.orderId" },
            { name: "AMOUNT", expr: "O.amount" },
            { name: "NAME", expr: "C.name" },
            { name: "TIER", expr: "C.tier" },
          ],
        },
      },
      { id: "orders-enriched", kind: "sink", config: { topic: "orders-enriched" } },
    ],
    [
      ...chain("orders", "by-customer", "enrich>left"),
      ...chain("customers", "enrich>right"),
      ...chain("enrich", "orders-enriched"),
    ],
  ),
};
