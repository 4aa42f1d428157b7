// Reads a reference topology from test/fixtures into a typed Topology.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Edge, NodeConfigs, type Topology, TopologyDocument } from "@riffle/topology";

export const FIXTURES = join(import.meta.dirname, "fixtures");

export const fixtureNames = (): string[] =>
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

export function loadFixture(name: string): Topology {
  const raw = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));
  const doc = TopologyDocument.parse(raw);
  const nodes = (doc.nodes as any[]).map((n) => ({
    ...n,
    config: NodeConfigs[n.kind as keyof typeof NodeConfigs].parse(n.config ?? {}),
  }));
  return { ...doc, nodes, edges: doc.edges.map((e) => Edge.parse(e)) } as Topology;
}
