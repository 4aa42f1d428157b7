// The Riffle engine DSL call for each node kind, in TypeScript: lambdas over `key`/`value`
// (and `left`/`right`, `agg`, `item`), values as plain objects, expressions calling `fn`.
import type { NodeKind, Projection, RowSchema, SerdeFormat, Window } from "@riffle/topology";
import type { ExpressionPrinter } from "../expressions";
import type { FindingSink } from "../finding";
import { args, type Chain, chainOf, extend } from "../fluent/chain";
import type { FluentDialect, NodeOutput } from "../fluent/walker";
import type { Node, NodeOf } from "../graph";
import type { CodegenModel } from "../model";
import { camelCase, NameScope } from "../naming";

const TS_WORDS =
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await builder key value left right agg item fn";

const INDENT = "  ";
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

type Inputs = Record<string, Chain[]>;
type Handler<K extends NodeKind> = (d: TsDialect, node: NodeOf<K>, inputs: Inputs) => NodeOutput;

export class TsDialect implements FluentDialect {
  readonly names = new NameScope(TS_WORDS.split(" "));
  /** Names imported from @riffle/engine by the code so far. */
  readonly engineImports = new Set<string>(["StreamsBuilder"]);

  constructor(
    readonly model: CodegenModel,
    readonly expr: ExpressionPrinter,
    readonly findings: FindingSink,
  ) {}

  apply(node: Node, inputs: Inputs): NodeOutput {
    return (HANDLERS[node.kind] as Handler<NodeKind>)(this, node as NodeOf<NodeKind>, inputs);
  }

  declare(_node: Node, _port: string, name: string, chain: Chain): string {
    return `const ${name} = ${this.render(chain)};`;
  }

  statement(chain: Chain): string {
    return `${this.render(chain)};`;
  }

  render(chain: Chain): string {
    const flat = `${chain.head}${chain.calls.map((c) => `.${c}`).join("")}`;
    if (!flat.includes("\n") && flat.length <= 90) return flat;
    return `${chain.head}${chain.calls.map((c) => `\n${INDENT}.${c.replaceAll("\n", `\n${INDENT}`)}`).join("")}`;
  }

  use(...names: string[]): void {
    for (const n of names) this.engineImports.add(n);
  }

  code(node: Node, field: string, text: string): string {
    return this.expr.print(node, field, text);
  }

  /** `{ A: a, B: b }` from projections evaluated in `field`'s scope. */
  object(node: Node, field: string, columns: Projection[]): string {
    return objectLiteral(columns.map((c) => [c.name, this.code(node, field, c.expr)]));
  }

  schemaIn(node: Node, port = "in"): RowSchema {
    const from = this.model.graph.input(node, port);
    return this.model.schemaOf(from.node, from.port);
  }

  /** Serdes of a declared topic, as the engine reads and writes it. */
  topicSerdes(topicName: string | undefined, schema: RowSchema): string[] {
    const topic = this.model.topology.topics.find((t) => t.name === topicName);
    const key =
      schema.key.length === 1
        ? serde(schema.key[0].type, topic?.keyFormat ?? "KAFKA")
        : "jsonSerde()";
    const value =
      topic?.valueFormat === "DELIMITED"
        ? `delimitedSerde(${JSON.stringify(schema.value.map((c) => ({ name: c.name, type: c.type })))})`
        : schema.valueUnwrapped && schema.value.length === 1
          ? serde(schema.value[0].type, topic?.valueFormat ?? "JSON")
          : "jsonSerde()";
    for (const s of [key, value]) this.use(s.replace(/\(.*$/, ""));
    return [key, value];
  }
}

const NUMBER_SERDES: Record<string, string> = {
  STRING: "stringSerde()",
  VARCHAR: "stringSerde()",
  BIGINT: "longSerde()",
  INT: "intSerde()",
  DOUBLE: "doubleSerde()",
};

function serde(sqlType: string, format: SerdeFormat): string {
  return format === "KAFKA"
    ? (NUMBER_SERDES[sqlType.toUpperCase()] ?? "jsonSerde()")
    : "jsonSerde()";
}

export function objectLiteral(entries: [string, string][]): string {
  const items = entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${v}`);
  const flat = `{ ${items.join(", ")} }`;
  if (!flat.includes("\n") && flat.length <= 64) return flat;
  return `{\n${items.map((i) => `${INDENT}${i.replaceAll("\n", `\n${INDENT}`)},`).join("\n")}\n}`;
}

const chain = (c: Chain): NodeOutput => ({ kind: "chain", chain: c });
const one = (inputs: Inputs, port = "in") => inputs[port][0];
const isTrue = (code: string) => `${code} === true`;
const ms = (n: number) =>
  n >= 10_000 ? n.toLocaleString("en-US").replaceAll(",", "_") : String(n);

function windowSpec(d: TsDialect, window: Window): string {
  const graced = (cls: string, base: string, size: number) => {
    d.use(cls);
    return window.graceMs === undefined
      ? `${cls}.${base}WithNoGrace(${ms(size)})`
      : `${cls}.${base}AndGrace(${ms(size)}, ${ms(window.graceMs)})`;
  };
  switch (window.type) {
    case "tumbling":
      return graced("TimeWindows", "ofSize", window.sizeMs);
    case "hopping":
      return `${graced("TimeWindows", "ofSize", window.sizeMs)}.advanceBy(${ms(window.advanceMs)})`;
    case "sliding":
      return graced("SlidingWindows", "ofTimeDifference", window.timeDifferenceMs);
    case "session":
      return graced("SessionWindows", "ofInactivityGap", window.gapMs);
  }
}

function source(
  d: TsDialect,
  node: NodeOf<"stream-source" | "table-source" | "global-table-source">,
): NodeOutput {
  d.use("Consumed");
  let consumed = `Consumed.with(${d.topicSerdes(node.config.topic, d.model.schemaOf(node)).join(", ")})`;
  if ("timestamp" in node.config) {
    const ts = node.config.timestamp;
    if (ts.kind === "wall-clock") {
      d.use("wallClockTimestamp");
      consumed += ".withTimestampExtractor(wallClockTimestamp)";
    }
    if (ts.kind === "field") {
      d.use("fieldTimestamp");
      consumed += `.withTimestampExtractor(fieldTimestamp(${JSON.stringify(ts.field)}))`;
      if (ts.format) {
        d.findings.add({
          code: "unsupported-timestamp",
          severity: "warning",
          nodeId: node.id,
          message: `the engine's fieldTimestamp reads epoch millis and ISO-8601 text; the pattern '${ts.format}' is not applied`,
        });
      }
    }
  }
  const method = {
    "stream-source": "stream",
    "table-source": "table",
    "global-table-source": "globalTable",
  }[node.kind];
  const store =
    "store" in node.config && node.config.store ? [materialized(d, node.config.store)] : [];
  return chain(
    chainOf(
      `builder.${method}(${args([JSON.stringify(node.config.topic), consumed, ...store], INDENT)})`,
    ),
  );
}

function materialized(d: TsDialect, store: string): string {
  d.use("Materialized");
  return `Materialized.as(${JSON.stringify(store)})`;
}

type JoinKind =
  | "stream-stream-join"
  | "stream-table-join"
  | "table-table-join"
  | "foreign-key-join"
  | "stream-global-join";

function joiner(d: TsDialect, node: NodeOf<JoinKind>): string {
  let body: string;
  if (node.config.columns) {
    body = d.object(node, "columns", node.config.columns);
  } else {
    const side = (alias: string, frame: string, schema: RowSchema): [string, string][] =>
      schema.value.map((c) => [
        `${alias}_${c.name}`,
        schema.valueUnwrapped ? frame : `${frame}?.${c.name}`,
      ]);
    body = objectLiteral([
      ...side(node.config.leftAlias, "left", d.schemaIn(node, "left")),
      ...side(node.config.rightAlias, "right", d.schemaIn(node, "right")),
    ]);
  }
  const params = /\bkey\b/.test(body) ? "left, right, key" : "left, right";
  return `(${params}) => (${body})`;
}

const JOIN_METHODS = { inner: "join", left: "leftJoin", outer: "outerJoin" } as const;

function join(d: TsDialect, node: NodeOf<JoinKind>, inputs: Inputs): NodeOutput {
  const right = one(inputs, "right").head;
  let params: string[];
  switch (node.kind) {
    case "stream-stream-join": {
      d.use("JoinWindows");
      const { beforeMs, afterMs, graceMs } = node.config;
      let windows =
        graceMs === undefined
          ? `JoinWindows.ofTimeDifferenceWithNoGrace(${ms(afterMs)})`
          : `JoinWindows.ofTimeDifferenceAndGrace(${ms(afterMs)}, ${ms(graceMs)})`;
      if (beforeMs !== afterMs) windows += `.before(${ms(beforeMs)})`;
      params = [right, joiner(d, node), windows];
      break;
    }
    case "foreign-key-join":
      params = [
        right,
        `(value) => ${d.code(node, "foreignKey", node.config.foreignKey)}`,
        joiner(d, node),
      ];
      break;
    case "stream-global-join":
      params = [right, `(key, value) => ${d.code(node, "key", node.config.key)}`, joiner(d, node)];
      break;
    default:
      params = [right, joiner(d, node)];
  }
  return chain(
    extend(one(inputs, "left"), `${JOIN_METHODS[node.config.joinType]}(${args(params, INDENT)})`),
  );
}

function branch(d: TsDialect, node: NodeOf<"branch">, inputs: Inputs): NodeOutput {
  d.use("Named", "Branched");
  const name = d.names.claim(camelCase(node.label ?? node.id));
  let split = extend(one(inputs), `split(Named.as(${JSON.stringify(node.id)}))`);
  for (const b of node.config.branches) {
    const predicate = `(key, value) => ${isTrue(d.code(node, "branches", b.predicate))}`;
    split = extend(
      split,
      `branch(${args([predicate, `Branched.as(${JSON.stringify(b.name)})`], INDENT)})`,
    );
  }
  split = extend(
    split,
    node.config.defaultBranch ? `defaultBranch(Branched.as("default"))` : "noDefaultBranch()",
  );
  const ports: Record<string, Chain> = {};
  for (const port of d.model.graph.usedPorts(node))
    ports[port] = chainOf(`${name}[${JSON.stringify(`${node.id}-${port}`)}]`);
  return { kind: "ports", statements: [`const ${name} = ${d.render(split)};`], ports };
}

function sink(d: TsDialect, node: NodeOf<"sink">, inputs: Inputs): NodeOutput {
  d.use("Produced");
  const { topic, topicExpression } = node.config;
  const target = topicExpression
    ? `(key, value) => ${d.code(node, "topicExpression", topicExpression)}`
    : JSON.stringify(topic);
  const produced = `Produced.with(${d.topicSerdes(topic, d.schemaIn(node)).join(", ")})`;
  return { kind: "end", chain: extend(one(inputs), `to(${args([target, produced], INDENT)})`) };
}

const call = (c: string) => (_d: TsDialect, _n: Node, inputs: Inputs) =>
  chain(extend(one(inputs), c));
const store = (d: TsDialect, s: string | undefined) => (s ? [materialized(d, s)] : []);

function keyValue(d: TsDialect, n: NodeOf<"map" | "flat-map">): string {
  return objectLiteral([
    ["key", d.code(n, "key", n.config.key)],
    ["value", d.object(n, "columns", n.config.columns)],
  ]);
}

const HANDLERS: { [K in NodeKind]: Handler<K> } = {
  "stream-source": source,
  "table-source": source,
  "global-table-source": source,
  filter: (d, n, i) =>
    chain(
      extend(
        one(i),
        `filter((key, value) => ${isTrue(d.code(n, "predicate", n.config.predicate))})`,
      ),
    ),
  "filter-not": (d, n, i) =>
    chain(
      extend(
        one(i),
        `filterNot((key, value) => ${isTrue(d.code(n, "predicate", n.config.predicate))})`,
      ),
    ),
  map: (d, n, i) => chain(extend(one(i), `map((key, value) => (${keyValue(d, n)}))`)),
  "map-values": (d, n, i) =>
    chain(
      extend(one(i), `mapValues((value, key) => (${d.object(n, "columns", n.config.columns)}))`),
    ),
  "flat-map": (d, n, i) => {
    const items = `((${d.code(n, "explode", n.config.explode)}) ?? []).map((item) => (${keyValue(d, n)}))`;
    return chain(
      extend(
        one(i),
        `flatMap((key, value) =>\n${INDENT}${items.replaceAll("\n", `\n${INDENT}`)},\n)`,
      ),
    );
  },
  "flat-map-values": (d, n, i) => {
    const items = `((${d.code(n, "explode", n.config.explode)}) ?? []).map((item) => (${d.object(n, "columns", n.config.columns)}))`;
    return chain(
      extend(
        one(i),
        `flatMapValues((value, key) =>\n${INDENT}${items.replaceAll("\n", `\n${INDENT}`)},\n)`,
      ),
    );
  },
  "select-key": (d, n, i) =>
    chain(extend(one(i), `selectKey((key, value) => ${d.code(n, "key", n.config.key)})`)),
  branch,
  merge: (_d, _n, i) =>
    chain(i.in.slice(1).reduce((c, other) => extend(c, `merge(${other.head})`), i.in[0])),
  // A named pass-through: the worker's taps observe records at named nodes.
  peek: (d, n, i) => {
    d.use("Named");
    return chain(extend(one(i), `peek(() => {}, Named.as(${JSON.stringify(n.id)}))`));
  },
  repartition: (d, n, i) => {
    d.use("Repartitioned");
    let spec = n.config.name
      ? `Repartitioned.as(${JSON.stringify(n.config.name)})`
      : "Repartitioned.with()";
    if (n.config.partitions) spec += `.withNumberOfPartitions(${n.config.partitions})`;
    return chain(extend(one(i), `repartition(${spec})`));
  },
  "group-by-key": call("groupByKey()"),
  "group-by": (d, n, i) => {
    const table = d.model.portKind(d.model.graph.input(n).node) === "table";
    const key = d.code(n, "key", n.config.key);
    const selector = table
      ? `(key, value) => (${objectLiteral([
          ["key", key],
          ["value", n.config.columns ? d.object(n, "columns", n.config.columns) : "value"],
        ])})`
      : `(key, value) => ${key}`;
    return chain(extend(one(i), `groupBy(${selector})`));
  },
  "windowed-by": (d, n, i) =>
    chain(extend(one(i), `windowedBy(${windowSpec(d, n.config.window)})`)),
  count: (d, n, i) =>
    chain(
      extend(
        one(i),
        `count(${n.config.store ? `undefined, ${materialized(d, n.config.store)}` : ""})`,
      ),
    ),
  reduce: (d, n, i) => {
    const adder = `(agg, value) => (${d.object(n, "adder", n.config.adder)})`;
    const subtractor = n.config.subtractor
      ? [`(agg, value) => (${d.object(n, "subtractor", n.config.subtractor)})`]
      : [];
    return chain(
      extend(
        one(i),
        `reduce(${args([adder, ...subtractor, ...store(d, n.config.store)], INDENT)})`,
      ),
    );
  },
  aggregate: (d, n, i) => aggregate(d, n, i),
  cogroup: (d, n, i) => {
    const [first, ...rest] = n.config.inputs;
    const adder = (input: typeof first) =>
      `(key, value, agg) => (${d.object(n, `inputs[${n.config.inputs.indexOf(input)}].adder`, input.adder)})`;
    let c = extend(one(i, first.port), `cogroup(${adder(first)})`);
    for (const input of rest)
      c = extend(c, `cogroup(${args([one(i, input.port).head, adder(input)], INDENT)})`);
    if (n.config.window) c = extend(c, `windowedBy(${windowSpec(d, n.config.window)})`);
    const init = `() => (${d.object(n, "initializer", n.config.initializer)})`;
    return chain(extend(c, `aggregate(${args([init, ...store(d, n.config.store)], INDENT)})`));
  },
  suppress: (d, n, i) => {
    d.use("Suppressed");
    const c = n.config;
    const spec =
      c.until === "window-close"
        ? "Suppressed.untilWindowCloses()"
        : `Suppressed.untilTimeLimit(${[ms(c.timeToWaitMs), ...(c.maxRecords ? [String(c.maxRecords)] : [])].join(", ")})`;
    return chain(extend(one(i), `suppress(${spec})`));
  },
  "to-table": (d, n, i) =>
    chain(
      extend(
        one(i),
        `toTable(${n.config.store ? `undefined, ${materialized(d, n.config.store)}` : ""})`,
      ),
    ),
  "to-stream": call("toStream()"),
  "stream-stream-join": join,
  "stream-table-join": join,
  "table-table-join": join,
  "foreign-key-join": join,
  "stream-global-join": join,
  sink,
};

function aggregate(d: TsDialect, node: NodeOf<"aggregate">, inputs: Inputs): NodeOutput {
  const message = "aggregate functions have no engine DSL counterpart to call yet";
  d.findings.add({ code: "unsupported-node", severity: "error", nodeId: node.id, message });
  return chain(extend(one(inputs), `count() /* ${node.id}: ${message} */`));
}
