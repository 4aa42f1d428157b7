// Large orders, filtered and split by product line: filter + branch (first match wins).

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const largeOrders: Template = {
  name: "large-orders",
  title: "Large orders by product line",
  description:
    "Keeps orders over 500 and routes each to the first matching product line: hardware, accessories, or everything else (KStream#split with a default branch).",
  samples: ["orders"],
  document: topologyOf(
    "large-orders",
    "Orders over 500, split by product line.",
    [SAMPLE_TOPICS.orders],
    [
      {
        id: "orders",
        kind: "stream-source",
        config: { topic: "orders", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      { id: "large", kind: "filter", config: { predicate: "amount > 500" } },
      {
        id: "by-line",
        kind: "branch",
        config: {
          branches: [
            { name: "hardware", predicate: "product IN ('laptop', 'monitor', 'dock')" },
            {
              name: "accessories",
              predicate: "product IN ('keyboard', 'mouse', 'headset', 'webcam')",
            },
          ],
          defaultBranch: true,
        },
      },
      { id: "large-hardware", kind: "sink", config: { topic: "large-orders-hardware" } },
      { id: "large-accessories", kind: "sink", config: { topic: "large-orders-accessories" } },
      { id: "large-other", kind: "sink", config: { topic: "large-orders-other" } },
    ],
    [
      ...chain("orders", "large", "by-line"),
      ...chain("by-line:hardware", "large-hardware"),
      ...chain("by-line:accessories", "large-accessories"),
      ...chain("by-line:default", "large-other"),
    ],
  ),
};
