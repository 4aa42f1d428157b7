// Row schema of every node output, as codegen needs it: key and value column names (and
// types where known), whether the value is unwrapped, whether the key is windowed.
import type { Column, Topology } from "@riffle/topology";
import type { Node, TopologyGraph } from "./graph";

export interface RowSchema {
  key: Column[];
  value: Column[];
  valueUnwrapped: boolean;
  windowed?: "time" | "session";
}

/** Unknown types print as this; only ksqlDB stream declarations need real types. */
export const UNKNOWN_TYPE = "UNKNOWN";

export type SchemaLookup = (node: Node, port?: string) => RowSchema;

const untyped = (name: string): Column => ({ name, type: UNKNOWN_TYPE });

/** Propagates schemas in topological order; every port of a node shares its schema. */
export function inferSchemas(graph: TopologyGraph): SchemaLookup {
  const out = new Map<string, RowSchema>();
  for (const node of graph.ordered) {
    const input = (port = "in") => out.get(graph.input(node, port).node.id)!;
    out.set(node.id, schemaOf(node, input, graph.topology));
  }
  return (node) => out.get(node.id)!;
}

function schemaOf(node: Node, input: (port?: string) => RowSchema, topology: Topology): RowSchema {
  switch (node.kind) {
    case "stream-source":
    case "table-source":
    case "global-table-source": {
      const topic = topology.topics.find((t) => t.name === node.config.topic);
      return {
        key: topic?.key ?? [],
        value: topic?.value ?? [],
        valueUnwrapped: topic?.valueUnwrapped ?? false,
      };
    }
    case "map-values":
      return {
        ...input(),
        value: node.config.columns.map((c) => untyped(c.name)),
        valueUnwrapped: false,
      };
    case "map":
    case "flat-map":
      return {
        key: [untyped(node.config.keyName)],
        value: node.config.columns.map((c) => untyped(c.name)),
        valueUnwrapped: false,
      };
    case "flat-map-values":
      return {
        ...input(),
        value: node.config.columns.map((c) => untyped(c.name)),
        valueUnwrapped: false,
      };
    case "select-key":
      return { ...input(), key: [untyped(node.config.keyName)] };
    case "group-by": {
      const from = input();
      const value = node.config.columns?.map((c) => untyped(c.name)) ?? from.value;
      return { ...from, key: [untyped(node.config.keyName)], value };
    }
    case "windowed-by":
      return { ...input(), windowed: node.config.window.type === "session" ? "session" : "time" };
    case "count":
      return {
        ...input(),
        value: [{ name: node.config.column, type: "BIGINT" }],
        valueUnwrapped: true,
      };
    case "aggregate":
      return {
        ...input(),
        value: node.config.aggregations.map((a) => untyped(a.name)),
        valueUnwrapped: false,
      };
    case "cogroup": {
      const first = input(node.config.inputs[0].port);
      const windowed = node.config.window
        ? node.config.window.type === "session"
          ? "session"
          : "time"
        : undefined;
      const value = node.config.initializer.map((c) => untyped(c.name));
      return { key: first.key, value, valueUnwrapped: false, windowed };
    }
    case "to-stream":
      return { ...input(), windowed: input().windowed };
    case "stream-stream-join":
    case "stream-table-join":
    case "table-table-join":
    case "foreign-key-join":
    case "stream-global-join": {
      const left = input("left");
      const right = input("right");
      const value = node.config.columns?.map((c) => untyped(c.name)) ?? [
        ...left.value.map((c) => prefixed(node.config.leftAlias, c)),
        ...right.value.map((c) => prefixed(node.config.rightAlias, c)),
      ];
      return { key: left.key, value, valueUnwrapped: false };
    }
    default:
      return input();
  }
}

function prefixed(alias: string, column: Column): Column {
  return { name: `${alias}_${column.name}`, type: column.type };
}
