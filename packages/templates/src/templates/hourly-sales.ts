// Hourly sales per region: a 1-hour tumbling window with count and sum.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const hourlySales: Template = {
  name: "hourly-sales",
  title: "Hourly sales per region",
  description:
    "Counts orders and sums their amounts per region in 1-hour tumbling windows (5 minutes grace): the classic windowed aggregation behind a sales dashboard.",
  samples: ["orders"],
  document: topologyOf(
    "hourly-sales",
    "Orders counted and summed per region and hour.",
    [SAMPLE_TOPICS.orders],
    [
      {
        id: "orders",
        kind: "stream-source",
        config: { topic: "orders", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      { id: "by-region", kind: "group-by", config: { key: "region", keyName: "REGION" } },
      {
        id: "hourly",
        kind: "windowed-by",
        config: { window: { type: "tumbling", sizeMs: 3_600_000, graceMs: 300_000 } },
      },
      {
        id: "totals",
        kind: "aggregate",
        config: {
          aggregations: [
            { name: "ORDERS", fn: "COUNT", args: [] },
            { name: "TOTAL", fn: "SUM", args: ["amount"] },
          ],
        },
      },
      { id: "changes", kind: "to-stream", config: {} },
      { id: "sales-hourly", kind: "sink", config: { topic: "sales-hourly" } },
    ],
    chain("orders", "by-region", "hourly", "totals", "changes", "sales-hourly"),
  ),
};
