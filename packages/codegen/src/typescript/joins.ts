// Join nodes in TypeScript: the ValueJoiner (null-safe sides for left and outer joins),
// JoinWindows, and Joined key serdes when a side is repartitioned first.

import { DEFAULT_GRACE_MS } from "../default-grace";
import { extend } from "../fluent/chain";
import type { NodeOutput } from "../fluent/walker";
import type { JoinKind, NodeOf } from "../graph";
import type { TsDialect } from "./dialect";
import { callArgs, chain, INDENT, type Inputs, ms, objectLiteral, one, prop } from "./layout";

/** The ValueJoiner. A side a left/outer join may leave out reads as a row of nulls, as
 *  ksqlDB and the engine's own compiler see it. */
function joiner(d: TsDialect, node: NodeOf<JoinKind>): string {
  const schemas = { left: d.schemaIn(node, "left"), right: d.schemaIn(node, "right") };
  let body: string;
  if (node.config.columns) {
    body = d.object(node, "columns", node.config.columns);
  } else {
    const side = (alias: string, frame: "left" | "right"): [string, string][] =>
      schemas[frame].value.map((c) => [
        `${alias}_${c.name}`,
        schemas[frame].valueUnwrapped ? frame : prop(frame, c.name),
      ]);
    body = objectLiteral([
      ...side(node.config.leftAlias, "left"),
      ...side(node.config.rightAlias, "right"),
    ]);
  }
  const params = /\bkey\b/.test(body) ? "left, right, key" : "left, right";
  const optional = { inner: [], left: ["right"], outer: ["left", "right"] }[
    node.config.joinType
  ] as ("left" | "right")[];
  const fills = optional
    .filter((side) => !schemas[side].valueUnwrapped)
    .map(
      (side) => `${side} ??= ${objectLiteral(schemas[side].value.map((c) => [c.name, "null"]))};`,
    );
  if (fills.length === 0) return `(${params}) => (${body})`;
  return `(${params}) => {\n${[...fills, `return ${body};`].map((l) => INDENT + l.replaceAll("\n", `\n${INDENT}`)).join("\n")}\n}`;
}

/** Joined.with(keySerde) when a side must be repartitioned first: its key serde decides the
 *  bytes the repartition topic carries, which the other side's keys must match. */
function joined(d: TsDialect, node: NodeOf<"stream-stream-join" | "stream-table-join">): string[] {
  const left = d.model.graph.input(node, "left");
  const right = d.model.graph.input(node, "right");
  const changed = [left, right].some((side) => d.model.keyChanged(side.node, side.port));
  if (!changed) return [];
  d.use("Joined");
  return [`Joined.with(${d.keySerde(left.node, left.port)})`];
}

const JOIN_METHODS = { inner: "join", left: "leftJoin", outer: "outerJoin" } as const;

export function join(d: TsDialect, node: NodeOf<JoinKind>, inputs: Inputs): NodeOutput {
  const right = one(inputs, "right").head;
  let params: string[];
  switch (node.kind) {
    case "stream-stream-join": {
      d.use("JoinWindows");
      const { beforeMs, afterMs, graceMs } = node.config;
      let windows = `JoinWindows.ofTimeDifferenceAndGrace(${ms(afterMs)}, ${ms(graceMs ?? DEFAULT_GRACE_MS)})`;
      if (beforeMs !== afterMs) windows += `.before(${ms(beforeMs)})`;
      params = [right, joiner(d, node), windows, ...joined(d, node)];
      break;
    }
    case "foreign-key-join":
      // The overloads keep TypeScript from inferring these parameters: spell them out.
      params = [
        right,
        `(value: any) => ${d.code(node, "foreignKey", node.config.foreignKey)}`,
        joiner(d, node).replace(/^\(left, right/, "(left: any, right: any"),
      ];
      break;
    case "stream-global-join":
      params = [right, `(key, value) => ${d.code(node, "key", node.config.key)}`, joiner(d, node)];
      break;
    case "stream-table-join":
      params = [right, joiner(d, node), ...joined(d, node)];
      break;
    default:
      params = [right, joiner(d, node)];
  }
  return chain(extend(one(inputs, "left"), callArgs(JOIN_METHODS[node.config.joinType], params)));
}
