// The Riffle engine DSL call for each node kind, in TypeScript: lambdas over `key`/`value`
// (and `left`/`right`, `agg`, `item`), values as plain objects, expressions calling `fn`.
import type { NodeKind, Projection, RowSchema, SerdeFormat, Window } from "@riffle/topology";
import { DEFAULT_GRACE_MS } from "../default-grace";
import type { ExpressionPrinter } from "../expressions";
import type { FindingSink } from "../finding";
import { type Chain, chainOf, extend, renderChain } from "../fluent/chain";
import type { FluentDialect, NodeOutput } from "../fluent/walker";
import type { Node, NodeOf } from "../graph";
import type { CodegenModel } from "../model";
import { camelCase, NameScope } from "../naming";
import { onWindowClose, windowedSourceFinding } from "../upstream-window";
import { aggregate } from "./aggregate";
import { join } from "./joins";
import {
  callArgs,
  chain,
  INDENT,
  type Inputs,
  isTrue,
  ms,
  objectLiteral,
  one,
  tsArgs,
} from "./layout";

const TS_WORDS =
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await builder key value left right agg item fn";

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
    const target = `const ${name} = `;
    return `${target}${this.render(chain, target.length)};`;
  }

  statement(chain: Chain): string {
    return `${this.render(chain)};`;
  }

  /** Fits in 100 columns inside the function body, else one call per line; a broken chain
   *  starts from `builder` alone, as Biome prints it. */
  render(chain: Chain, prefix = 0): string {
    const width = 100 - INDENT.length - prefix - 1;
    const [only] = chain.calls;
    const single = `${chain.head}.${only}`;
    // `orders.map((key, value) => ({` : one call on a variable keeps its arguments hugged.
    if (
      chain.calls.length === 1 &&
      /^\w+$/.test(chain.head) &&
      single.split("\n")[0].length <= width
    ) {
      return single;
    }
    const flat = renderChain(chain, INDENT, width);
    if (!flat.includes("\n") || !chain.head.startsWith("builder.")) return flat;
    return renderChain(
      { head: "builder", calls: [chain.head.slice("builder.".length), ...chain.calls] },
      INDENT,
      width,
    );
  }

  /** Key serde of a flow by ksqlDB's KEY_FORMAT rule: the source topic's key format, the
   *  current key's type (as the engine's compiler keys repartitioned streams). */
  keySerde(node: Node, port?: string): string {
    const schema = this.model.schemaOf(node, port);
    let source: Node | undefined = node;
    while (source && !source.kind.endsWith("source"))
      source = this.model.graph.inputs(source)[0]?.node;
    const topic = source && "topic" in source.config ? source.config.topic : undefined;
    const format = this.model.topology.topics.find((t) => t.name === topic)?.keyFormat ?? "KAFKA";
    const key = schema.key.length === 1 ? serde(schema.key[0].type, format) : "jsonSerde()";
    this.use(key.replace(/\(.*$/, ""));
    return key;
  }

  grouped(node: Node, port?: string): string {
    this.use("Grouped");
    return `Grouped.with(${this.keySerde(node, port)})`;
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

function windowSpec(d: TsDialect, window: Window): string {
  const graced = (cls: string, base: string, size: number) => {
    d.use(cls);
    return `${cls}.${base}AndGrace(${ms(size)}, ${ms(window.graceMs ?? DEFAULT_GRACE_MS)})`;
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
  const windowed = windowedSourceFinding(d.model, node);
  if (windowed) d.findings.add(windowed);
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
      `builder.${method}(${tsArgs([JSON.stringify(node.config.topic), consumed, ...store], 64)})`,
    ),
  );
}

export function materialized(d: TsDialect, store: string): string {
  d.use("Materialized");
  return `Materialized.as(${JSON.stringify(store)})`;
}

function branch(d: TsDialect, node: NodeOf<"branch">, inputs: Inputs): NodeOutput {
  d.use("Named", "Branched");
  const name = d.names.claim(camelCase(node.label ?? node.id));
  let split = extend(one(inputs), `split(Named.as(${JSON.stringify(node.id)}))`);
  for (const b of node.config.branches) {
    const predicate = `(key, value) => ${isTrue(d.code(node, "branches", b.predicate))}`;
    split = extend(
      split,
      callArgs("branch", [predicate, `Branched.as(${JSON.stringify(b.name)})`]),
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
  const { topic, topicExpression } = node.config;
  const target = topicExpression
    ? `(key, value) => ${d.code(node, "topicExpression", topicExpression)}`
    : JSON.stringify(topic);
  // A computed topic has no declaration to take serdes from: the stream's own apply.
  const produced = topic
    ? [`Produced.with(${d.topicSerdes(topic, d.schemaIn(node)).join(", ")})`]
    : [];
  if (produced.length > 0) d.use("Produced");
  return { kind: "end", chain: extend(one(inputs), callArgs("to", [target, ...produced])) };
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
    const items = `(${d.code(n, "explode", n.config.explode)} ?? []).map((item: any) => (${keyValue(d, n)}))`;
    return chain(
      extend(
        one(i),
        `flatMap((key, value) =>\n${INDENT}${items.replaceAll("\n", `\n${INDENT}`)},\n)`,
      ),
    );
  },
  "flat-map-values": (d, n, i) => {
    const items = `(${d.code(n, "explode", n.config.explode)} ?? []).map((item: any) => (${d.object(n, "columns", n.config.columns)}))`;
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
  "group-by-key": (d, n, i) => {
    const from = d.model.graph.input(n);
    const grouped = d.model.keyChanged(from.node, from.port) ? d.grouped(from.node, from.port) : "";
    return chain(extend(one(i), `groupByKey(${grouped})`));
  },
  "group-by": (d, n, i) => {
    const table = d.model.portKind(d.model.graph.input(n).node) === "table";
    const key = d.code(n, "key", n.config.key);
    const selector = table
      ? `(key, value) => (${objectLiteral([
          ["key", key],
          ["value", n.config.columns ? d.object(n, "columns", n.config.columns) : "value"],
        ])})`
      : `(key, value) => ${key}`;
    return chain(extend(one(i), callArgs("groupBy", [selector, d.grouped(n)])));
  },
  "windowed-by": (d, n, i) => {
    const windowed = extend(one(i), `windowedBy(${windowSpec(d, n.config.window)})`);
    if (!onWindowClose(n)) return chain(windowed);
    d.use("EmitStrategy");
    return chain(extend(windowed, "emitStrategy(EmitStrategy.onWindowClose())"));
  },
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
      extend(one(i), callArgs("reduce", [adder, ...subtractor, ...store(d, n.config.store)])),
    );
  },
  aggregate: (d, n, i) => aggregate(d, n, i),
  cogroup: (d, n, i) => {
    const [first, ...rest] = n.config.inputs;
    const adder = (input: typeof first) =>
      `(key, value, agg: any) => (${d.object(n, `inputs[${n.config.inputs.indexOf(input)}].adder`, input.adder)})`;
    let c = extend(one(i, first.port), `cogroup(${adder(first)})`);
    for (const input of rest)
      c = extend(c, callArgs("cogroup", [one(i, input.port).head, adder(input)]));
    if (n.config.window) c = extend(c, `windowedBy(${windowSpec(d, n.config.window)})`);
    const init = `() => (${d.object(n, "initializer", n.config.initializer)})`;
    return chain(extend(c, callArgs("aggregate", [init, ...store(d, n.config.store)])));
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
