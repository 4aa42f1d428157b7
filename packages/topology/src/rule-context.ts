// What a node kind's schema rule sees: the flows on its input ports, the declared topics,
// and helpers that type-check expressions and record the scope each config field uses.
import type { Scope, SqlType } from "@riffle/expr";
import type { Code } from "./codes";
import type { Column, Node, NodeKind, NodeOf, Projection, Topic } from "./document";
import { checkExpression, type Expectation } from "./expressions";
import { type Finding, type FindingWhere, finding } from "./findings";
import type { PortKind } from "./kinds";
import { type RowSchema, typeText } from "./row-schema";

/** Where a flow's records were read from inside its sub-topology: a topic or a repartition. */
export type TopicRef = { external: string } | { repartition: number };

/** What travels along an edge. `schema` is undefined when upstream problems hide it. */
export interface Flow {
  kind: PortKind;
  schema?: RowSchema;
  /** The key was changed (map, flat-map, select-key) and no repartition followed yet. */
  keyChanged: boolean;
  /** Source topics of this flow in its sub-topology; co-partitioning compares these. */
  topics: TopicRef[];
}

export class RuleContext<N extends Node = Node> {
  /** Scope used for each config field's expressions, keyed by the field's path. */
  readonly scopes: Record<string, Scope> = {};

  constructor(
    readonly node: N,
    /** Flows per input port (several for merge), after any repartition. */
    readonly inputs: Record<string, Flow[]>,
    readonly topics: ReadonlyMap<string, Topic>,
    private readonly findings: Finding[],
  ) {}

  get config(): N["config"] {
    return this.node.config;
  }

  /** Schema on the first edge of a port (undefined when unknown). */
  input(port = "in"): RowSchema | undefined {
    return this.inputs[port]?.[0]?.schema;
  }

  report(code: Code, message: string, where: FindingWhere = {}): void {
    this.findings.push(finding(code, message, { nodeId: this.node.id, ...where }));
  }

  /** Type-checks the expression at config `field` against `scope`, remembering the scope. */
  expr(text: string, scope: Scope, field: string, expect?: Expectation): SqlType | undefined {
    this.scopes[scopeKey(field)] = scope;
    return checkExpression(
      text,
      scope,
      { nodeId: this.node.id, field: `config.${field}` },
      this.findings,
      expect,
    );
  }

  /** Output columns of a list of projections; undefined if any fails to type-check. */
  project(projections: readonly Projection[], scope: Scope, field: string): Column[] | undefined {
    this.scopes[field] = scope;
    const seen = new Set<string>();
    let ok = true;
    const cols = projections.map((p, i) => {
      if (seen.has(p.name)) {
        this.report("RF306", `Column '${p.name}' is defined twice.`, {
          field: `config.${field}[${i}].name`,
        });
      }
      seen.add(p.name);
      const t = this.expr(p.expr, scope, `${field}[${i}].expr`);
      if (!t) ok = false;
      return { name: p.name, type: t ? typeText(t) : "NULL" };
    });
    return ok ? cols : undefined;
  }
}

/** Scopes are recorded per config list, not per item: `columns[2].expr` -> `columns`,
 *  `branches[0].predicate` -> `branches`, `aggregations[1].args[0]` -> `aggregations`. */
function scopeKey(field: string): string {
  let key = scopeKeys.get(field);
  if (key === undefined) {
    key = field.replace(/\[\d+\]\.(expr|predicate)$/, "").replace(/\[\d+\]\.args\[\d+\]$/, "");
    scopeKeys.set(field, key);
  }
  return key;
}
const scopeKeys = new Map<string, string>();

/** A schema rule: computes each output port's schema (undefined when it cannot be known). */
export type Rule<N extends Node> = (ctx: RuleContext<N>) => Record<string, RowSchema | undefined>;

export type Rules = { [K in NodeKind]: Rule<NodeOf<K>> };
