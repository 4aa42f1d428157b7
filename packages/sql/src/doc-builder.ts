// Accumulates the topology document of an import: topics, nodes with readable stable ids
// (`output-filter`, `output-aggregate`) and the edges between their ports.
import {
  FORMAT_VERSION,
  type Node,
  type NodeConfig,
  type NodeKind,
  type Topic,
  type Topology,
} from "@riffle/topology";

export interface Out {
  node: string;
  port: string;
}

export class DocBuilder {
  private readonly topics = new Map<string, Topic>();
  private readonly nodes: Node[] = [];
  private readonly edges: Topology["edges"] = [];
  private readonly ids = new Set<string>();

  /** `existing`: topics already on the cluster; a declaration without PARTITIONS uses theirs.
   *  `keylessProjections`: ksqlDB's new query planner, where a stream may drop its key. */
  constructor(
    private readonly existing: { name: string; partitions: number }[] = [],
    readonly keylessProjections = false,
  ) {}

  /** Partition count of a topic declared here or existing on the cluster. */
  partitionsOf(name: string): number | undefined {
    return (
      this.topics.get(name)?.partitions ?? this.existing.find((t) => t.name === name)?.partitions
    );
  }

  topic(topic: Topic): void {
    if (!this.topics.has(topic.name)) this.topics.set(topic.name, topic);
  }

  hasTopic(name: string): boolean {
    return this.topics.has(name);
  }

  getTopic(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  /** Adds a node fed by `inputs` (port name -> upstream output) and returns its output. */
  add<K extends NodeKind>(
    owner: string,
    kind: K,
    config: NodeConfig<K>,
    inputs: Record<string, Out> = {},
    label?: string,
  ): Out {
    const id = this.freshId(`${owner}-${kind}`);
    this.nodes.push({ id, kind, config, ...(label ? { label } : {}) } as Node);
    for (const [port, from] of Object.entries(inputs)) {
      this.edges.push({
        id: `${from.node}->${id}${port === "in" ? "" : `:${port}`}`,
        from: { node: from.node, port: from.port },
        to: { node: id, port },
      });
    }
    return { node: id, port: "out" };
  }

  build(name: string): Topology {
    return {
      format: FORMAT_VERSION,
      name,
      topics: [...this.topics.values()],
      nodes: this.nodes,
      edges: this.edges,
    };
  }

  private freshId(base: string): string {
    const slug = base.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
    let id = slug;
    for (let n = 2; this.ids.has(id); n++) id = `${slug}-${n}`;
    this.ids.add(id);
    return id;
  }
}
