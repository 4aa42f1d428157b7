// A generated topology of N nodes for the studio bench: chains of ten nodes (source, stateless
// steps, a windowed count, sink) over one declared topic, laid out in a grid.
import type { NodeKind, Topology } from "@riffle/topology";
import { addNode, connect, emptyDocument, upsertTopic } from "../src/lib/doc-edit";

const CHAIN: [NodeKind, Record<string, unknown>][] = [
  ["stream-source", { topic: "orders" }],
  ["filter", { predicate: "amount > 10" }],
  [
    "map-values",
    {
      columns: [
        { name: "amount", expr: "amount * 2" },
        { name: "region", expr: "UCASE(region)" },
      ],
    },
  ],
  ["filter-not", { predicate: "region = 'EU-WEST'" }],
  ["peek", {}],
  ["group-by-key", {}],
  ["windowed-by", { window: { type: "tumbling", sizeMs: 10_000 } }],
  ["count", { column: "COUNT" }],
  ["to-stream", {}],
  ["sink", {}],
];

export function generateTopology(nodes: number): Topology {
  let doc = upsertTopic(emptyDocument(`bench-${nodes}`), {
    name: "orders",
    partitions: 6,
    keyFormat: "KAFKA",
    valueFormat: "JSON",
    key: [{ name: "orderId", type: "STRING" }],
    value: [
      { name: "amount", type: "DOUBLE" },
      { name: "region", type: "STRING" },
    ],
    valueUnwrapped: false,
  });
  for (let chain = 0; chain < nodes / CHAIN.length; chain++) {
    let previous: string | null = null;
    CHAIN.forEach(([kind, config], step) => {
      const extra = kind === "sink" ? { topic: `out-${chain}` } : {};
      const added = addNode(doc, kind, { x: step * 260, y: chain * 110 }, { ...config, ...extra });
      doc = previous
        ? connect(added.doc, { node: previous, port: "out" }, { node: added.id, port: "in" })
        : added.doc;
      previous = added.id;
    });
  }
  return doc;
}
