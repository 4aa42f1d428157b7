// The aggregate node in Java: a row of accumulators kept by Riffle's Udafs helpers.
import type { Aggregation } from "@riffle/topology";
import { args, extend } from "../fluent/chain";
import type { NodeOutput } from "../fluent/walker";
import type { Node, NodeOf } from "../graph";
import { chain, INDENT, type Inputs, lambda, materialized, one } from "./calls";
import type { JavaDialect } from "./dialect";

/** Aggregations as a row of accumulators updated by Udafs helpers; grouped tables also get a
 *  subtractor, session windows a merger; AVG and COUNT_DISTINCT finish in a mapValues. */
export function aggregate(d: JavaDialect, node: NodeOf<"aggregate">, inputs: Inputs): NodeOutput {
  d.helpers.add("row");
  const aggs = node.config.aggregations;
  const name = (a: Aggregation) => JSON.stringify(a.name);
  const each = (params: string, value: (a: Aggregation) => string) =>
    lambda(
      params,
      `row(${args(
        aggs.map((a) => `${name(a)}, ${value(a)}`),
        INDENT,
      )})`,
    );
  const zero = (a: Aggregation) =>
    a.fn.startsWith("COUNT") && a.fn !== "COUNT_DISTINCT" ? "0L" : "null";
  const params = [each("", zero), each("key, value, agg", (a) => udafCall(d, node, a, ""))];
  const inputKind = d.model.portKind(d.model.graph.input(node).node);
  if (inputKind === "grouped-table")
    params.push(each("key, value, agg", (a) => udafCall(d, node, a, "Undo")));
  if (inputKind === "session-windowed-stream") {
    const merged = (a: Aggregation) =>
      `Udafs.${method(a)}Merge(left.get(${name(a)}), right.get(${name(a)}))`;
    params.push(each("key, left, right", merged));
  }
  const calls = [`aggregate(${args([...params, ...materialized(node.config.store)], INDENT)})`];
  if (aggs.some((a) => FINISHED[a.fn])) {
    const current = (a: Aggregation) => `agg.get(${name(a)})`;
    const finished = (a: Aggregation) =>
      FINISHED[a.fn] ? `Udafs.${FINISHED[a.fn]}(${current(a)})` : current(a);
    calls.push(`mapValues(${each("agg", finished)})`);
  }
  return chain(calls.reduce(extend, one(inputs)));
}

// Accumulators that are not yet the result: AVG keeps sum and count, COUNT_DISTINCT a set.
const FINISHED: Partial<Record<Aggregation["fn"], string>> = {
  AVG: "average",
  COUNT_DISTINCT: "distinctCount",
};

/** `COUNT_DISTINCT` -> `countDistinct`: the Udafs helper's name. */
function method(a: Aggregation): string {
  return a.fn.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** `Udafs.sum(agg.get("TOTAL"), value.get("AMOUNT"))`; suffix `Undo` subtracts. */
function udafCall(d: JavaDialect, node: Node, a: Aggregation, suffix: "" | "Undo"): string {
  const values = a.args.map((x) => d.code(node, "aggregations", x));
  return `Udafs.${method(a)}${suffix}(${[`agg.get(${JSON.stringify(a.name)})`, ...values].join(", ")})`;
}
