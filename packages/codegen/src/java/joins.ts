// Join nodes in Java: the ValueJoiner (with key when it reads the key), JoinWindows and
// StreamJoined/Joined serdes, and null-safe sides for left and outer joins.
import type { RowSchema } from "@riffle/topology";
import { args, extend } from "../fluent/chain";
import type { NodeOutput } from "../fluent/walker";
import type { JoinKind, NodeOf } from "../graph";
import { chain, INDENT, type Inputs, lambda, one } from "./calls";
import type { JavaDialect } from "./dialect";
import { joinWindows } from "./windows";

function joiner(d: JavaDialect, node: NodeOf<JoinKind>): string {
  const columns = node.config.columns;
  let body: string;
  if (columns) {
    body = d.row(node, "columns", columns);
  } else {
    d.helpers.add("row");
    const side = (alias: string, frame: string, schema: RowSchema) =>
      schema.value.map(
        (c) =>
          `${JSON.stringify(`${alias}_${c.name}`)}, ${schema.valueUnwrapped ? frame : `${frame}.get(${JSON.stringify(c.name)})`}`,
      );
    const items = [
      ...side(node.config.leftAlias, "left", d.schemaIn(node, "left")),
      ...side(node.config.rightAlias, "right", d.schemaIn(node, "right")),
    ];
    body = `row(${args(items, INDENT)})`;
  }
  // A ValueJoinerWithKey when the joiner reads the key; Kafka has one for KStream joins only.
  const withKey = /\bkey\b/.test(body);
  if (withKey && (node.kind === "table-table-join" || node.kind === "foreign-key-join")) {
    d.findings.add({
      code: "unsupported-expression",
      severity: "error",
      nodeId: node.id,
      message:
        "a KTable joiner cannot read the key (Kafka Streams has no ValueJoinerWithKey for table joins)",
    });
  }
  const params = withKey ? "key, left, right" : "left, right";
  // A side a left/outer join may leave out is null in Kafka Streams: read it as no columns.
  const optional = { inner: [], left: ["right"], outer: ["left", "right"] }[node.config.joinType];
  if (optional.length === 0) return lambda(params, body);
  const fills = optional.map((side) => `${side} = ${side} != null ? ${side} : Map.of();`);
  return `(${params}) -> {\n${[...fills, `return ${body};`].map((l) => INDENT + l.replaceAll("\n", `\n${INDENT}`)).join("\n")}\n}`;
}

const JOIN_METHODS = { inner: "join", left: "leftJoin", outer: "outerJoin" } as const;

export function join(d: JavaDialect, node: NodeOf<JoinKind>, inputs: Inputs): NodeOutput {
  const left = one(inputs, "left");
  const right = one(inputs, "right").head;
  const method = JOIN_METHODS[node.config.joinType];
  const l = d.schemaIn(node, "left");
  const r = d.schemaIn(node, "right");
  const serdes = `${d.keySerde(l, node)}, ${d.valueSerde(l)}, ${d.valueSerde(r)}`;
  let params: string[];
  switch (node.kind) {
    case "stream-stream-join":
      params = [
        right,
        joiner(d, node),
        joinWindows(node.config.beforeMs, node.config.afterMs, node.config.graceMs),
        `StreamJoined.with(${serdes})`,
      ];
      break;
    case "stream-table-join":
      params = [right, joiner(d, node), `Joined.with(${serdes})`];
      break;
    case "foreign-key-join":
      params = [
        right,
        lambda("value", d.code(node, "foreignKey", node.config.foreignKey)),
        joiner(d, node),
      ];
      break;
    case "stream-global-join":
      params = [right, lambda("key, value", d.code(node, "key", node.config.key)), joiner(d, node)];
      break;
    default:
      params = [right, joiner(d, node)];
  }
  return chain(extend(left, `${method}(${args(params, INDENT)})`));
}
