// The logical graph the DSL writes (Kafka Streams' GraphNode): nodes know their parents,
// children (by port), the topics they read or write and the stores they touch. Nothing here
// runs; `buildTopology` turns the graph into sub-topologies and tasks build processors from it.

import type { FusableStep, ProcessorFactory } from "../../processor/processor";
import type { TimestampExtractor } from "../../processor/timestamp-extractor";
import type { Serde } from "../../serde/serde";

export interface SourceSpec {
  readonly topics: string[];
  readonly keySerde: Serde;
  readonly valueSerde: Serde;
  readonly timestamp: TimestampExtractor;
  /** GlobalKTable sources: every partition, on every task. */
  readonly global?: boolean;
}

export interface GraphNode {
  readonly id: number;
  readonly name: string;
  readonly parents: GraphNode[];
  readonly children: { node: GraphNode; port: string }[];
  readonly source?: SourceSpec;
  readonly processor?: ProcessorFactory;
  /** Stateless steps may be fused with their neighbours into one processor. */
  readonly step?: FusableStep;
  /** Store names this node reads or writes; nodes sharing a store share a sub-topology. */
  readonly stores: string[];
  /** Topics this node writes (sinks, repartition sinks). */
  readonly sinkTopics?: string[];
  /** Serdes of the records this sink writes, so readers of its topics can decode them. */
  readonly sinkSerdes?: { keySerde: Serde; valueSerde: Serde };
  /** Join nodes require their sub-topology's source topics to be co-partitioned. */
  readonly copartition?: boolean;
}

export type NodeInit = Omit<GraphNode, "id" | "parents" | "children" | "stores"> & {
  stores?: string[];
};
