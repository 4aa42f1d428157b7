// Dynamic routing: each order goes to a topic named from its region (Kafka Streams'
// TopicNameExtractor). ksqlDB cannot express this, so the SQL view says so.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const dynamicRouting: Template = {
  name: "dynamic-routing",
  title: "Route orders to a topic per region",
  description:
    "Writes each order to `orders-<region>`, the topic name computed from the record by an expression (a dynamic sink, Kafka Streams' TopicNameExtractor). Records whose expression gives no valid topic name are dead-lettered with the reason.",
  samples: ["orders"],
  document: topologyOf(
    "dynamic-routing",
    "Orders routed to orders-<region>.",
    [SAMPLE_TOPICS.orders],
    [
      {
        id: "orders",
        kind: "stream-source",
        config: { topic: "orders", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      { id: "per-region", kind: "sink", config: { topicExpression: "CONCAT('orders-', region)" } },
    ],
    chain("orders", "per-region"),
  ),
};
