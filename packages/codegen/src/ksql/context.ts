// State of one ksqlDB export: what each node output is (a named relation, a query still
// being assembled, or nothing because an upstream node has no ksqlDB form), the
// statements written so far, and how a query becomes a named relation.
import type { RowSchema, Topic } from "@riffle/topology";
import { type Finding, FindingSink } from "../finding";
import type { Node, TopologyGraph } from "../graph";
import type { CodegenModel } from "../model";
import { NameScope, upperSnake } from "../naming";
import { type Query, queryOver, type Relation, renderSelect } from "./query";
import { createChangelogStream } from "./sources";
import { withClause } from "./syntax";

export type Flow =
  | { kind: "relation"; relation: Relation; origin: Node; changelog?: boolean }
  | { kind: "query"; query: Query; origin: Node; changelog?: boolean }
  | { kind: "broken"; cause: string };

export class KsqlContext {
  readonly statements: string[] = [];
  readonly findings = new FindingSink();
  readonly names = new NameScope([], true);
  /** Relation already writing each sink topic: later sinks to it are INSERT INTO. */
  readonly sinks = new Map<string, string>();
  private readonly flows = new Map<string, Flow>();

  readonly graph: TopologyGraph;

  constructor(readonly model: CodegenModel) {
    this.graph = model.graph;
  }

  schemaOf(node: Node, port?: string): RowSchema {
    return this.model.schemaOf(node, port);
  }

  topic(name: string): Topic | undefined {
    return this.graph.topology.topics.find((t) => t.name === name);
  }

  flowIn(node: Node, port = "in"): Flow {
    const from = this.graph.input(node, port);
    return this.flows.get(`${from.node.id}:${from.port}`)!;
  }

  setFlow(node: Node, flow: Flow, port = "out"): void {
    this.flows.set(`${node.id}:${port}`, flow);
  }

  flowOut(node: Node, port = "out"): Flow | undefined {
    return this.flows.get(`${node.id}:${port}`);
  }

  /** Reports that `node` has no ksqlDB form: a comment in place, and downstream is skipped. */
  unsupported(node: Node, code: Finding["code"], message: string): void {
    this.comment(this.findings.add({ code, severity: "error", nodeId: node.id, message }));
    for (const port of this.graph.usedPorts(node)) {
      this.setFlow(node, { kind: "broken", cause: node.id }, port);
    }
  }

  warn(node: Node, code: Finding["code"], message: string): void {
    this.comment(this.findings.add({ code, severity: "warning", nodeId: node.id, message }));
  }

  comment(text: string): void {
    this.statements.push(`-- ${text}`);
  }

  /** A query to extend: the upstream query itself when `fits` says the node's clause still
   *  fits in it, otherwise a fresh SELECT over the upstream materialized as a relation. */
  query(flow: Exclude<Flow, { kind: "broken" }>, fits: (q: Query) => boolean): Query {
    if (flow.kind === "query" && !flow.changelog && fits(flow.query)) {
      return { ...flow.query, where: [...flow.query.where] };
    }
    return queryOver(this.relation(flow));
  }

  /** The flow as a named relation, writing CREATE ... AS SELECT when it is still a query. */
  relation(flow: Exclude<Flow, { kind: "broken" }>): Relation {
    const table =
      flow.kind === "relation" ? flow.relation : this.materialize(flow.query, flow.origin);
    return flow.changelog ? this.changelogStream(table, flow.origin) : table;
  }

  materialize(query: Query, origin: Node): Relation {
    const name = this.names.claim(upperSnake(origin.label ?? origin.id));
    this.create(
      query,
      name,
      withClause(query.partitions ? [["PARTITIONS", query.partitions]] : []),
    );
    return { name, kind: query.kind, topic: name, schema: query.schema };
  }

  /** `CREATE STREAM|TABLE name [WITH (...)] AS SELECT ...;` */
  create(query: Query, name: string, withText: string): void {
    const head = [`CREATE ${query.kind.toUpperCase()} ${name}`, withText, "AS"].filter(Boolean);
    this.statements.push(`${head.join(" ")}\n${renderSelect(query)};`);
  }

  insertInto(query: Query, name: string): void {
    this.statements.push(`INSERT INTO ${name}\n${renderSelect(query)};`);
  }

  private changelogStream(table: Relation, origin: Node): Relation {
    const name = this.names.claim(`${table.name}_CHANGES`);
    const schema: RowSchema = { ...table.schema, windowed: undefined };
    if (table.schema.windowed) {
      this.warn(
        origin,
        "unsupported-node",
        `a windowed table's changelog '${table.topic}' is read here as an unwindowed stream; ksqlDB would need WINDOW_TYPE and WINDOW_SIZE on this declaration`,
      );
    }
    this.statements.push(createChangelogStream(name, table.topic, schema));
    return { name, kind: "stream", topic: table.topic, schema };
  }
}
