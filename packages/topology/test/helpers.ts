// Test helpers: load fixtures and build small documents tersely.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FORMAT_VERSION } from "@riffle/topology";

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8"));
}

type TopicSpec = {
  name: string;
  partitions?: number;
  key?: string;
  value?: Record<string, string>;
};
type NodeSpec = [id: string, kind: string, config?: Record<string, unknown>];
/** An edge as "from[:port]->to[:port]". */
type EdgeSpec = string;

/** Builds a document: topics with `key` as a single STRING-like column and value columns. */
export function doc(topics: TopicSpec[], nodes: NodeSpec[], edges: EdgeSpec[]) {
  return {
    format: FORMAT_VERSION,
    name: "test",
    applicationId: "test-app",
    topics: topics.map((t) => ({
      name: t.name,
      partitions: t.partitions ?? 1,
      key: t.key ? [{ name: t.key, type: "STRING" }] : [],
      value: Object.entries(t.value ?? {}).map(([name, type]) => ({ name, type })),
    })),
    nodes: nodes.map(([id, kind, config]) => ({ id, kind, config: config ?? {} })),
    edges: edges.map((spec, i) => {
      const [from, to] = spec.split("->").map((s) => s.split(":"));
      return {
        id: `e${i + 1}`,
        from: { node: from[0], port: from[1] ?? "out" },
        to: { node: to[0], port: to[1] ?? "in" },
      };
    }),
  };
}

/** Two declared topics `orders` and `payments`, both keyed by `id`. */
export const ORDERS = {
  name: "orders",
  key: "id",
  value: { amount: "DOUBLE", customer: "STRING", items: "ARRAY<STRING>" },
};
export const PAYMENTS = {
  name: "payments",
  key: "id",
  value: { paid: "DOUBLE", method: "STRING" },
};
