// The result of analysing a document: what flows on every edge and port, the scope each
// expression was checked with, the repartition topics and the sub-topologies. The engine,
// the web inspector, SQL and codegen read this instead of re-deriving it.
import type { Scope } from "@riffle/expr";
import type { RepartitionReason } from "./repartition";
import type { Flow, TopicRef } from "./rule-context";

export interface RepartitionTopic {
  /** Topic name as Kafka Streams names it, without the `<applicationId>-` prefix. */
  name: string;
  /** The node whose input is repartitioned; for `explicit`, the repartition node itself. */
  nodeId: string;
  port: string;
  reason: RepartitionReason;
  /** Count set on a repartition node (Repartitioned.numberOfPartitions). */
  partitions?: number;
  /** The count the topic gets: explicit, else by Kafka Streams' rules; undefined if unknowable. */
  resolvedPartitions?: number;
  /** Source topics of the sub-topology that writes it. */
  writtenFrom: TopicRef[];
}

export interface NodeAnalysis {
  /** Flows per input port (several for merge), after any inferred repartition. */
  inputs: Record<string, Flow[]>;
  /** Flow per output port. */
  outputs: Record<string, Flow>;
  /** Scope each config field's expressions were checked with, by field (`predicate`, `columns`...). */
  scopes: Record<string, Scope>;
  /** Sub-topology (Kafka Streams numbering); global-table sources have none. */
  subTopology?: number;
  /** Processor and state store names Kafka Streams gives this node (changelog topics are
   *  `<applicationId>-<store>-changelog`). */
  processors: string[];
  stores: string[];
}

export interface SubTopology {
  id: number;
  nodes: string[];
  /** External topics and repartition topics it reads. */
  sourceTopics: string[];
}

export interface Analysis {
  /** Node ids in topological order (document order breaks ties). */
  order: string[];
  nodes: Record<string, NodeAnalysis>;
  /** Flow of every analysed edge, by edge id. */
  edges: Record<string, Flow>;
  repartitions: RepartitionTopic[];
  subTopologies: SubTopology[];
}

/** Kafka Streams' name for an internal topic: `<applicationId>-<name>`. */
export function internalTopicName(applicationId: string, name: string): string {
  return `${applicationId}-${name}`;
}

export function emptyAnalysis(): Analysis {
  return { order: [], nodes: {}, edges: {}, repartitions: [], subTopologies: [] };
}
