// Inserts a repartition topic: a sink writing the re-keyed records and a source reading them
// back, which is where the graph is cut into sub-topologies.
import { recordTimestamp } from "../../processor/timestamp-extractor";
import type { GraphNode } from "./graph-node";
import type { InternalStreamsBuilder, Serdes } from "./internal-builder";
import { sinkProcessor } from "./sink-node";

export function repartitionNode(
  builder: InternalStreamsBuilder,
  parent: GraphNode,
  baseName: string,
  serdes: Serdes,
  partitions?: number,
): GraphNode {
  const topic = builder.addRepartitionTopic(baseName, partitions);
  builder.addNode(
    {
      name: `${baseName}-repartition-sink`,
      processor: sinkProcessor(topic, serdes.keySerde, serdes.valueSerde),
      sinkTopics: [topic],
      sinkSerdes: serdes,
    },
    [parent],
  );
  return builder.addNode(
    {
      name: `${baseName}-repartition-source`,
      source: {
        topics: [topic],
        keySerde: serdes.keySerde,
        valueSerde: serdes.valueSerde,
        timestamp: recordTimestamp,
      },
    },
    [],
  );
}
