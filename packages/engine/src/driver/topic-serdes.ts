// Which serdes read and write each topic of a topology, taken from its sources and sinks, so
// drivers can encode test input and decode output the way the topology does.
import type { Topology } from "../processor/topology";
import type { Serde } from "../serde/serde";

export interface TopicSerdes {
  keySerde: Serde;
  valueSerde: Serde;
}

export function topicSerdes(topology: Topology): Map<string, TopicSerdes> {
  const map = new Map<string, TopicSerdes>();
  const subs = [...topology.subtopologies, ...(topology.global ? [topology.global] : [])];
  for (const node of subs.flatMap((s) => s.nodes)) {
    if (node.source) {
      for (const t of node.source.topics) map.set(topology.resolveTopic(t), node.source);
    }
    if (node.sinkSerdes) {
      for (const t of node.sinkTopics ?? []) {
        const name = topology.resolveTopic(t);
        if (!map.has(name)) map.set(name, node.sinkSerdes);
      }
    }
  }
  return map;
}
