// Which serdes read and write each topic of a topology, taken from its sources and sinks, so
// drivers can encode test input and decode output the way the topology does.
import { WINDOW_END_HEADER, WINDOW_START_HEADER } from "../kstream/internals/sink-node";
import type { Headers } from "../log/log";
import type { TimeWindow } from "../processor/processor";
import type { Topology } from "../processor/topology";
import { jsonSerde } from "../serde/json-serde";
import type { Serde } from "../serde/serde";

export interface TopicSerdes {
  keySerde: Serde;
  valueSerde: Serde;
}

/** Where the serdes of a dynamic sink (TopicNameExtractor) are kept: its topics are unknown. */
export const DYNAMIC_SINK = "\u0000dynamic-sink";

/** A topic's serdes: a dynamic sink's for topics only it names, JSON for unknown topics. */
export function serdesFor(serdes: Map<string, TopicSerdes>, topic: string): TopicSerdes {
  return (
    serdes.get(topic) ??
    serdes.get(DYNAMIC_SINK) ?? { keySerde: jsonSerde(), valueSerde: jsonSerde() }
  );
}

export function topicSerdes(topology: Topology): Map<string, TopicSerdes> {
  const map = new Map<string, TopicSerdes>();
  const subs = [...topology.subtopologies, ...(topology.global ? [topology.global] : [])];
  for (const node of subs.flatMap((s) => s.nodes)) {
    if (node.source) {
      for (const t of node.source.topics) map.set(topology.resolveTopic(t), node.source);
    }
    if (node.sinkSerdes && node.sinkTopics === undefined) map.set(DYNAMIC_SINK, node.sinkSerdes);
    if (node.sinkSerdes) {
      for (const t of node.sinkTopics ?? []) {
        const name = topology.resolveTopic(t);
        if (!map.has(name)) map.set(name, node.sinkSerdes);
      }
    }
  }
  return map;
}

/** A record decoded to record-line shape: key, value, and the window of a windowed key. */
export interface DecodedRecord {
  topic: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  partition?: number;
  headers?: Headers;
  window?: TimeWindow;
}

/** Decodes a record written by a topology (sink output, `onOutput` of a deployment). */
export function decodeRecord(
  serdes: Map<string, TopicSerdes>,
  r: {
    topic: string;
    partition?: number;
    key: Uint8Array | null;
    value: Uint8Array | null;
    timestamp: number;
    headers?: Headers;
  },
): DecodedRecord {
  const s = serdesFor(serdes, r.topic);
  const start = r.headers?.[WINDOW_START_HEADER];
  const end = r.headers?.[WINDOW_END_HEADER];
  return {
    topic: r.topic,
    key: s.keySerde.deserialize(r.key),
    value: s.valueSerde.deserialize(r.value),
    timestamp: r.timestamp,
    partition: r.partition,
    ...(start !== undefined && end !== undefined
      ? { window: { start: Number(start), end: Number(end) } }
      : {}),
  };
}
