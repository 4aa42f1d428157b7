// Collects the logical graph the DSL writes: nodes with Kafka-style generated names, store
// suppliers and repartition topics. `StreamsBuilder` wraps it with the public API.
import type { LogicalGraph } from "../../processor/topology";
import type { Serde } from "../../serde/serde";
import type { StoreSupplier } from "../../state/store";
import type { GraphNode, NodeInit } from "./graph-node";

export interface Serdes {
  keySerde: Serde;
  valueSerde: Serde;
}

export class InternalStreamsBuilder implements LogicalGraph {
  readonly nodes: GraphNode[] = [];
  readonly stores = new Map<string, StoreSupplier>();
  readonly repartitionTopics = new Map<string, number | undefined>();
  private index = 0;

  constructor(readonly defaults: Serdes) {}

  /** Kafka's generated names: `KSTREAM-FILTER-0000000003`. */
  newName(prefix: string): string {
    return `${prefix}-${String(this.index++).padStart(10, "0")}`;
  }

  addNode(init: NodeInit, parents: GraphNode[], port = "out"): GraphNode {
    const node: GraphNode = {
      ...init,
      id: this.nodes.length,
      parents,
      children: [],
      stores: init.stores ?? [],
    };
    for (const p of parents) p.children.push({ node, port });
    this.nodes.push(node);
    return node;
  }

  addStore(supplier: StoreSupplier): string {
    if (this.stores.has(supplier.name)) throw new Error(`store ${supplier.name} already exists`);
    this.stores.set(supplier.name, supplier);
    return supplier.name;
  }

  addRepartitionTopic(name: string, partitions?: number): string {
    const topic = `${name}-repartition`;
    this.repartitionTopics.set(topic, partitions);
    return topic;
  }
}
