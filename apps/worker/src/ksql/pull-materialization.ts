// How a table's rows come out of the state store of the query that materializes it (ksqlDB's
// KsqlMaterialization): the store holds what the stateful node keeps (an aggregate's UDAF
// states), so a read applies the node's result mapping and the table's later stateless steps
// (HAVING filter, SELECT projection) to each entry, as the running query would.
import { udaf } from "@riffle/engine";
import { compileExpression, parseExpression, type Scope } from "@riffle/expr";
import { type NodeOf, type Topology, validate } from "@riffle/topology";
import type { Services } from "../http/types";

type Node = Topology["nodes"][number];
type Row = Record<string, unknown>;
export interface StoreWindow {
  start: number;
  end: number;
}
/** The table's value for a store entry; undefined when a later filter drops the row. */
type Step = (key: unknown, value: Row, timestamp: number, window?: StoreWindow) => Row | undefined;

export interface Materialization {
  /** The store's name, as the compiler gives it: the node's `store`, else the node id. */
  store: string;
  /** Time windows' length (WINDOWEND = WINDOWSTART + size); sessions carry their own end. */
  windowSizeMs?: number;
  row: Step;
}

/** Steps between the store and the sink that a read can replay. */
const REPLAYED = new Set(["to-stream", "filter", "filter-not", "map-values"]);
const STATEFUL = new Set(["aggregate", "reduce", "to-table", "table-source"]);

/** The materialization of the table a document writes to `topic`; a message when it has none. */
export function materialization(document: unknown, topic: string): Materialization | string {
  const { document: doc, analysis } = validate(document);
  if (!doc) return "its topology document is invalid";
  const sink = doc.nodes.find((n) => n.kind === "sink" && n.config.topic === topic);
  const upstream = (id: string) => {
    const from = doc.edges.find((e) => e.to.node === id)?.from.node;
    return doc.nodes.find((n) => n.id === from);
  };
  const chain: Node[] = [];
  let node = sink && upstream(sink.id);
  while (node && REPLAYED.has(node.kind)) {
    chain.unshift(node);
    node = upstream(node.id);
  }
  if (!node || !STATEFUL.has(node.kind)) {
    return `the query writing ${topic} keeps no state store a pull query can read (it ends in ${node?.kind ?? "no node"})`;
  }
  const scope = (n: Node, field: string) => analysis.nodes[n.id]?.scopes[field];
  let steps: Step[];
  try {
    steps = [stateStep(node), ...chain.map((n) => replayStep(n, scope))];
  } catch (err) {
    // The document passed validation when deployed; a step that cannot compile now is reported.
    return (err as Error).message;
  }
  const window =
    node.kind === "aggregate" || node.kind === "reduce" ? windowOf(upstream(node.id)) : undefined;
  return {
    store: (node.config as { store?: string }).store ?? node.id,
    windowSizeMs: window,
    row: (key, value, timestamp, w) => {
      let row: Row | undefined = value;
      for (const step of steps) {
        if (row === undefined) return undefined;
        row = step(key, row, timestamp, w);
      }
      return row;
    },
  };
}

/** The stored value as the node emits it: aggregates keep UDAF states, mapped to results. */
function stateStep(node: Node): Step {
  if (node.kind !== "aggregate") return (_k, value) => value;
  const fns = (node as NodeOf<"aggregate">).config.aggregations.map((a) => ({
    name: a.name,
    result: udaf(a.fn).result,
  }));
  return (_k, state) => Object.fromEntries(fns.map((f) => [f.name, f.result(state[f.name])]));
}

function replayStep(node: Node, scope: (n: Node, field: string) => Scope | undefined): Step {
  const compile = (text: string, field: string) => {
    const parsed = parseExpression(text);
    const s = scope(node, field);
    if (!parsed.ok || !s) throw new Error(`node '${node.id}': ${field} cannot be replayed`);
    const run = compileExpression(parsed.value, s);
    return (key: unknown, value: Row, timestamp: number, w?: StoreWindow) =>
      run({
        key,
        value,
        meta: {
          timestamp,
          partition: null,
          offset: null,
          windowStart: w?.start ?? null,
          windowEnd: w?.end ?? null,
        },
      });
  };
  if (node.kind === "map-values") {
    const columns = (node as NodeOf<"map-values">).config.columns.map((c) => ({
      name: c.name,
      run: compile(c.expr, "columns"),
    }));
    return (k, v, ts, w) => Object.fromEntries(columns.map((c) => [c.name, c.run(k, v, ts, w)]));
  }
  if (node.kind === "filter" || node.kind === "filter-not") {
    const test = compile((node as NodeOf<"filter">).config.predicate, "predicate");
    // ksqlDB predicates pass on TRUE only; filter-not passes on everything else.
    const keep = node.kind === "filter";
    return (k, v, ts, w) => ((test(k, v, ts, w) === true) === keep ? v : undefined);
  }
  return (_k, value) => value;
}

function windowOf(node: Node | undefined): number | undefined {
  if (node?.kind !== "windowed-by") return undefined;
  const w = (node as NodeOf<"windowed-by">).config.window;
  return "sizeMs" in w ? w.sizeMs : undefined;
}

/** The topology document a deployment runs (its version's). */
export async function deploymentDocument(services: Services, deploymentId: string) {
  const d = await services.deployments.get(deploymentId);
  const v = await services.topologies.getVersion(d.topologyId, d.version.version);
  return v.document;
}

/** Time windows' length of the store `store` in a document, for WINDOWEND; else undefined. */
export function storeWindowSize(document: unknown, store: string): number | undefined {
  const doc = validate(document).document;
  const node = doc?.nodes.find((n) => ((n.config as { store?: string }).store ?? n.id) === store);
  const from = node && doc!.edges.find((e) => e.to.node === node.id)?.from.node;
  return windowOf(doc?.nodes.find((n) => n.id === from));
}
