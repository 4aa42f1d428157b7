// Top-K per 5 minutes: the three largest order amounts of each product in tumbling windows.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const topAmounts: Template = {
  name: "top-amounts",
  title: "Top 3 orders per product, every 5 minutes",
  description:
    "Keeps the three largest order amounts of each product in 5-minute tumbling windows (ksqlDB's TOPK), with the number of orders, for a live leaderboard.",
  samples: ["orders"],
  document: topologyOf(
    "top-amounts",
    "TOPK(amount, 3) per product and 5 minutes.",
    [SAMPLE_TOPICS.orders],
    [
      {
        id: "orders",
        kind: "stream-source",
        config: { topic: "orders", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      { id: "by-product", kind: "group-by", config: { key: "product", keyName: "PRODUCT" } },
      {
        id: "five-minutes",
        kind: "windowed-by",
        config: { window: { type: "tumbling", sizeMs: 300_000, graceMs: 30_000 } },
      },
      {
        id: "leaders",
        kind: "aggregate",
        config: {
          aggregations: [
            { name: "TOP_AMOUNTS", fn: "TOPK", args: ["amount", "3"] },
            { name: "ORDERS", fn: "COUNT", args: [] },
          ],
        },
      },
      { id: "changes", kind: "to-stream", config: {} },
      { id: "top-amounts", kind: "sink", config: { topic: "top-amounts" } },
    ],
    chain("orders", "by-product", "five-minutes", "leaders", "changes", "top-amounts"),
  ),
};
