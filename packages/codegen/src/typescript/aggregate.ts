// The aggregate node in TypeScript: ksqlDB aggregate functions as accumulator code.
import type { Aggregation } from "@riffle/topology";
import { extend } from "../fluent/chain";
import type { NodeOutput } from "../fluent/walker";
import type { NodeOf } from "../graph";
import { UDAFS } from "./aggregations";
import { materialized, type TsDialect } from "./dialect";
import { callArgs, chain, type Inputs, objectLiteral, one, prop } from "./layout";

/** Aggregations as an accumulator object: adder (and subtractor on grouped tables, merger on
 *  session windows), then a mapValues for functions whose accumulator is not the result. */
export function aggregate(d: TsDialect, node: NodeOf<"aggregate">, inputs: Inputs): NodeOutput {
  const aggs = node.config.aggregations;
  const argsOf = (a: Aggregation) => a.args.map((x) => d.code(node, "aggregations", x));
  const each = (code: (a: Aggregation, acc: string) => string) =>
    objectLiteral(aggs.map((a) => [a.name, code(a, prop("agg", a.name))]));
  const params = [
    `() => (${objectLiteral(aggs.map((a) => [a.name, UDAFS[a.fn].init]))})`,
    `(key, value, agg) => (${each((a, acc) => UDAFS[a.fn].add(acc, argsOf(a)))})`,
  ];
  const inputKind = d.model.portKind(d.model.graph.input(node).node);
  if (inputKind === "grouped-table") {
    const missing = aggs.find((a) => !UDAFS[a.fn].subtract);
    if (missing) {
      d.findings.add({
        code: "unsupported-node",
        severity: "error",
        nodeId: node.id,
        message: `${missing.fn} cannot subtract an old value, so it cannot aggregate a table (KGroupedTable#aggregate needs a subtractor)`,
      });
    }
    params.push(
      `(key, value, agg) => (${each((a, acc) => UDAFS[a.fn].subtract?.(acc, argsOf(a)) ?? acc)})`,
    );
  }
  if (inputKind === "session-windowed-stream") {
    const merged = objectLiteral(
      aggs.map((a) => [a.name, UDAFS[a.fn].merge(prop("a", a.name), prop("b", a.name), argsOf(a))]),
    );
    params.push(`(key, a, b) => (${merged})`);
  }
  if (node.config.store) params.push(materialized(d, node.config.store));
  let c = extend(one(inputs), callArgs("aggregate", params));
  if (aggs.some((a) => UDAFS[a.fn].finish)) {
    const result = each((a, acc) => UDAFS[a.fn].finish?.(acc) ?? acc);
    c = extend(c, `mapValues((agg) => (${result}))`);
  }
  return chain(c);
}
