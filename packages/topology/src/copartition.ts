// Partition counts of repartition topics and co-partitioning of joins, following Kafka
// Streams: RepartitionTopics gives a repartition topic the max partition count of the source
// topics of the sub-topology writing it; CopartitionedTopicsEnforcer then requires the
// external topics of a join's co-partition group to agree ("Topics not co-partitioned"),
// coerces repartition topics without an explicit count to that count, and rejects explicit
// counts that differ. GlobalKTable and foreign-key joins are not co-partitioned.
import type { Analysis, RepartitionTopic } from "./analysis";
import type { Node, Topic, Topology } from "./document";
import { type Finding, type Fix, finding } from "./findings";
import { insertOnEdge } from "./fixes";
import type { Graph } from "./graph";
import type { TopicRef } from "./rule-context";

const COPARTITIONED = new Set(["stream-stream-join", "stream-table-join", "table-table-join"]);

export function checkCopartitioning(
  doc: Topology,
  graph: Graph,
  analysis: Analysis,
  findings: Finding[],
): void {
  const topics = new Map(doc.topics.map((t) => [t.name, t]));
  resolveRepartitionCounts(analysis.repartitions, topics);
  for (const id of analysis.order) {
    const node = graph.nodes.get(id)!;
    if (COPARTITIONED.has(node.kind)) checkJoin(doc, graph, node, analysis, topics, findings);
  }
}

function countOf(
  ref: TopicRef,
  reps: RepartitionTopic[],
  topics: Map<string, Topic>,
): number | undefined {
  return "external" in ref
    ? topics.get(ref.external)?.partitions
    : reps[ref.repartition].resolvedPartitions;
}

/** RepartitionTopics: explicit count, else the max over the writing sub-topology's source topics. */
function resolveRepartitionCounts(reps: RepartitionTopic[], topics: Map<string, Topic>): void {
  for (const r of reps) {
    const counts = r.writtenFrom
      .map((ref) => countOf(ref, reps, topics))
      .filter((n): n is number => n !== undefined);
    r.resolvedPartitions = r.partitions ?? (counts.length > 0 ? Math.max(...counts) : undefined);
  }
}

function checkJoin(
  doc: Topology,
  graph: Graph,
  node: Node,
  analysis: Analysis,
  topics: Map<string, Topic>,
  findings: Finding[],
): void {
  const inputs = analysis.nodes[node.id].inputs;
  const sides = ["left", "right"].map((port) => ({
    port,
    refs: inputs[port]?.[0]?.topics ?? [],
    kind: inputs[port]?.[0]?.kind,
  }));
  const reps = analysis.repartitions;
  const external = new Map<string, number>();
  for (const ref of sides.flatMap((s) => s.refs)) {
    if ("external" in ref) {
      const n = topics.get(ref.external)?.partitions;
      if (n !== undefined) external.set(ref.external, n);
    }
  }
  const group = sides
    .flatMap((s) => s.refs)
    .filter((r): r is { repartition: number } => "repartition" in r);
  const counts = [...new Set(external.values())];
  if (counts.length > 1) {
    findings.push(notCopartitioned(doc, graph, node, sides, external));
    return;
  }
  const target =
    counts[0] ??
    (group.some((r) => reps[r.repartition].partitions !== undefined)
      ? undefined
      : Math.max(...group.map((r) => reps[r.repartition].resolvedPartitions ?? 0)));
  for (const ref of group) {
    const r = reps[ref.repartition];
    if (r.partitions === undefined) {
      if (target) r.resolvedPartitions = target;
      continue;
    }
    const expected =
      target ??
      reps[group.find((g) => reps[g.repartition].partitions !== undefined)!.repartition].partitions;
    if (r.partitions !== expected) {
      findings.push(
        finding(
          "RF502",
          `Number of partitions [${r.partitions}] of repartition topic [${r.name}] doesn't match number of partitions [${expected}] of the source topic (join '${node.id}').`,
          { nodeId: r.nodeId, field: "config.partitions" },
        ),
      );
    }
  }
}

/** The error, with a fix that repartitions a stream side to the other side's count (a
 *  KTable cannot be repartitioned directly, so table-table mismatches get no fix). */
function notCopartitioned(
  doc: Topology,
  graph: Graph,
  node: Node,
  sides: { port: string; refs: TopicRef[]; kind?: string }[],
  external: Map<string, number>,
): Finding {
  const sorted = [...external.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const listed = sorted.map(([t, n]) => `${t}=${n}`).join(", ");
  const info = sides.map((side) => {
    const own = sorted.filter(([t]) => side.refs.some((r) => "external" in r && r.external === t));
    const smallest = own.reduce<[string, number] | undefined>(
      (m, e) => (!m || e[1] < m[1] ? e : m),
      undefined,
    );
    return { ...side, smallest, count: Math.max(0, ...own.map(([, n]) => n)) };
  });
  const streams = info.filter((i) => i.kind === "stream" && i.smallest);
  const side = streams.sort((a, b) => a.count - b.count)[0];
  const other = side && info.find((i) => i !== side);
  const edge = side && (graph.incoming.get(node.id) ?? []).find((e) => e.to.port === side.port);
  let fix: Fix | undefined;
  if (side?.smallest && other && edge && other.count > 0) {
    const title = `Repartition \`${side.smallest[0]}\` to ${other.count} partitions`;
    const repartition = { kind: "repartition", label: title, config: { partitions: other.count } };
    fix = {
      title,
      edits: insertOnEdge(
        doc,
        edge,
        repartition as Omit<Node, "id">,
        `repartition-${side.smallest[0]}`,
      ),
    };
  }
  return finding(
    "RF501",
    `Topics not co-partitioned: [{${listed}}]. Join '${node.id}' needs the same partition count on both sides.`,
    { nodeId: node.id, field: side ? `inputs.${side.port}` : undefined, fix },
  );
}
