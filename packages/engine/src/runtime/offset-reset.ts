// Kafka's auto.offset.reset per source topic, read from a topology document's stream sources
// (`offsetReset`), in the shape `DeploymentOptions.offsetReset` takes.
import type { Topology as TopologyDocument } from "@riffle/topology";
import type { OffsetResetPolicy } from "./deployment";

export function offsetResetsOf(document: TopologyDocument): Record<string, OffsetResetPolicy> {
  const policies: Record<string, OffsetResetPolicy> = {};
  for (const node of document.nodes) {
    if (node.kind === "stream-source") policies[node.config.topic] = node.config.offsetReset;
  }
  return policies;
}
