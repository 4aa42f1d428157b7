// The Kafka Streams DSL call for each node kind, in Java: lambdas over `key`/`value` (and
// `left`/`right`, `agg`), values as Map<String, Object> rows built by `row(...)`.
import type { NodeKind, Projection, RowSchema } from "@riffle/topology";
import type { ExpressionPrinter } from "../expressions";
import type { FindingSink } from "../finding";
import { args, type Chain, chainOf, extend, renderChain } from "../fluent/chain";
import type { FluentDialect, NodeOutput } from "../fluent/walker";
import type { Node, NodeOf } from "../graph";
import type { CodegenModel } from "../model";
import { camelCase, NameScope } from "../naming";
import { onWindowClose, timeWindowSize } from "../upstream-window";
import { aggregate } from "./aggregate";
import { chain, INDENT, type Inputs, isTrue, lambda, materialized, one } from "./calls";
import { javaDuration } from "./durations";
import { join } from "./joins";
import { keyType, plainKeyType, serdeFor, valueType } from "./types";
import { windowSpec } from "./windows";

const JAVA_WORDS =
  "abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while var record builder key value left right agg item streams props";

const TYPES: Record<string, string> = {
  stream: "KStream",
  table: "KTable",
  "grouped-stream": "KGroupedStream",
  "grouped-table": "KGroupedTable",
  "windowed-stream": "TimeWindowedKStream",
  "session-windowed-stream": "SessionWindowedKStream",
  "global-table": "GlobalKTable",
};

type Handler<K extends NodeKind> = (d: JavaDialect, node: NodeOf<K>, inputs: Inputs) => NodeOutput;

export class JavaDialect implements FluentDialect {
  readonly names = new NameScope(JAVA_WORDS.split(" "));
  /** Private helpers of the generated class that some call used (`row`, `items`, ...). */
  readonly helpers = new Set<string>();

  constructor(
    readonly model: CodegenModel,
    readonly expr: ExpressionPrinter,
    readonly findings: FindingSink,
  ) {}

  apply(node: Node, inputs: Inputs): NodeOutput {
    return (HANDLERS[node.kind] as Handler<NodeKind>)(this, node as NodeOf<NodeKind>, inputs);
  }

  declare(node: Node, port: string, name: string, chain: Chain): string {
    const schema = this.model.schemaOf(node, port);
    const type = TYPES[this.model.portKind(node, port)];
    return this.assign(`${type}<${keyType(schema)}, ${valueType(schema)}> ${name}`, chain);
  }

  /** `Type name = chain;`, breaking after `=` when the first line would pass 100 columns. */
  assign(target: string, chain: Chain): string {
    const rendered = this.render(chain);
    const first = `${target} = ${rendered.split("\n")[0]}`;
    if (first.length <= 96) return `${target} = ${rendered};`;
    return `${target} =\n${INDENT}${this.render(chain, INDENT).replaceAll("\n", `\n${INDENT}`)};`;
  }

  statement(chain: Chain): string {
    return `${this.render(chain)};`;
  }

  render(chain: Chain, offset = ""): string {
    return renderChain(chain, INDENT, 84 - offset.length);
  }

  /** An expression of `node`'s config field `field` in Java. */
  code(node: Node, field: string, text: string): string {
    return this.expr.print(node, field, text);
  }

  /** `row("A", a, "B", b)`: a value built from projections evaluated in `field`'s scope. */
  row(node: Node, field: string, columns: Projection[]): string {
    this.helpers.add("row");
    const items = columns.map(
      (c) => `${JSON.stringify(c.name)}, ${this.code(node, field, c.expr)}`,
    );
    return `row(${args(items, INDENT)})`;
  }

  schemaIn(node: Node, port = "in"): RowSchema {
    const from = this.model.graph.input(node, port);
    return this.model.schemaOf(from.node, from.port);
  }

  keySerde(schema: RowSchema, node: Node): string {
    if (!schema.windowed) return serdeFor(keyType(schema), "KAFKA");
    const size = schema.windowed === "time" ? timeWindowSize(this.model, node) : undefined;
    const cls = `${plainKeyType(schema)}.class`;
    if (size === undefined) return `WindowedSerdes.sessionWindowedSerdeFrom(${cls})`;
    return `WindowedSerdes.timeWindowedSerdeFrom(${cls}, ${javaDuration(size)}.toMillis())`;
  }

  valueSerde(schema: RowSchema): string {
    return serdeFor(valueType(schema));
  }

  /** Serdes of a topic as declared: key/value formats of the document's topic. */
  topicSerdes(topicName: string | undefined, schema: RowSchema, node: Node): [string, string] {
    const topic = this.model.topology.topics.find((t) => t.name === topicName);
    const key = schema.windowed
      ? this.keySerde(schema, node)
      : serdeFor(keyType(schema), topic?.keyFormat ?? "KAFKA");
    return [key, serdeFor(valueType(schema), topic?.valueFormat ?? "JSON")];
  }
}

function source(
  d: JavaDialect,
  node: NodeOf<"stream-source" | "table-source" | "global-table-source">,
): NodeOutput {
  const schema = d.model.schemaOf(node);
  let consumed = `Consumed.with(${args(d.topicSerdes(node.config.topic, schema, node), INDENT)})`;
  if ("timestamp" in node.config) {
    const ts = node.config.timestamp;
    if (ts.kind === "wall-clock")
      consumed += ".withTimestampExtractor(new WallclockTimestampExtractor())";
    if (ts.kind === "field") {
      d.helpers.add("fieldTimestamp");
      const format = ts.format ? `, ${JSON.stringify(ts.format)}` : ", null";
      consumed += `.withTimestampExtractor(fieldTimestamp(${JSON.stringify(ts.field)}${format}))`;
    }
  }
  if (node.kind === "stream-source" && node.config.offsetReset === "latest") {
    consumed += ".withOffsetResetPolicy(Topology.AutoOffsetReset.LATEST)";
  }
  const method = {
    "stream-source": "stream",
    "table-source": "table",
    "global-table-source": "globalTable",
  }[node.kind];
  const store =
    "store" in node.config && node.config.store
      ? [`Materialized.as(${JSON.stringify(node.config.store)})`]
      : [];
  return chain(
    chainOf(
      `builder.${method}(${args([JSON.stringify(node.config.topic), consumed, ...store], INDENT)})`,
    ),
  );
}

function branch(d: JavaDialect, node: NodeOf<"branch">, inputs: Inputs): NodeOutput {
  const name = d.names.claim(camelCase(node.label ?? node.id));
  const prefix = `${node.id}-`;
  let split = extend(one(inputs), `split(Named.as(${JSON.stringify(prefix)}))`);
  for (const b of node.config.branches) {
    const predicate = lambda("key, value", isTrue(d.code(node, "branches", b.predicate)));
    split = extend(
      split,
      `branch(${args([predicate, `Branched.as(${JSON.stringify(b.name)})`], INDENT)})`,
    );
  }
  split = extend(
    split,
    node.config.defaultBranch ? `defaultBranch(Branched.as("default"))` : "noDefaultBranch()",
  );
  const schema = d.model.schemaOf(node);
  const type = `Map<String, KStream<${keyType(schema)}, ${valueType(schema)}>>`;
  const ports: Record<string, Chain> = {};
  for (const port of d.model.graph.usedPorts(node))
    ports[port] = chainOf(`${name}.get(${JSON.stringify(prefix + port)})`);
  return { kind: "ports", statements: [`${type} ${name} = ${d.render(split)};`], ports };
}

function sink(d: JavaDialect, node: NodeOf<"sink">, inputs: Inputs): NodeOutput {
  const schema = d.schemaIn(node);
  const { topic, topicExpression } = node.config;
  const target = topicExpression
    ? lambda(
        "key, value, recordContext",
        `(String) ${d.code(node, "topicExpression", topicExpression)}`,
      )
    : JSON.stringify(topic);
  const produced = `Produced.with(${args(d.topicSerdes(topic, schema, node), INDENT)})`;
  return { kind: "end", chain: extend(one(inputs), `to(${args([target, produced], INDENT)})`) };
}

/** A computed key, cast to the key's Java type (expressions evaluate to Object). */
function newKey(
  d: JavaDialect,
  node: NodeOf<"map" | "flat-map" | "select-key" | "group-by">,
): string {
  return `(${keyType(d.model.schemaOf(node))}) ${d.code(node, "key", node.config.key)}`;
}

const call = (c: string) => (_d: JavaDialect, _n: Node, inputs: Inputs) =>
  chain(extend(one(inputs), c));

const HANDLERS: { [K in NodeKind]: Handler<K> } = {
  "stream-source": source,
  "table-source": source,
  "global-table-source": source,
  filter: (d, n, i) =>
    chain(
      extend(
        one(i),
        `filter(${lambda("key, value", isTrue(d.code(n, "predicate", n.config.predicate)))})`,
      ),
    ),
  "filter-not": (d, n, i) =>
    chain(
      extend(
        one(i),
        `filterNot(${lambda("key, value", isTrue(d.code(n, "predicate", n.config.predicate)))})`,
      ),
    ),
  map: (d, n, i) =>
    chain(
      extend(
        one(i),
        `map(${lambda("key, value", `KeyValue.pair(${args([newKey(d, n), d.row(n, "columns", n.config.columns)], INDENT)})`)})`,
      ),
    ),
  "map-values": (d, n, i) =>
    chain(
      extend(one(i), `mapValues(${lambda("key, value", d.row(n, "columns", n.config.columns))})`),
    ),
  "flat-map": (d, n, i) => {
    d.helpers.add("items");
    const pair = `KeyValue.pair(${args([newKey(d, n), d.row(n, "columns", n.config.columns)], INDENT)})`;
    const body = `items(${d.code(n, "explode", n.config.explode)}).stream()\n${INDENT}.map(item -> ${pair})\n${INDENT}.toList()`;
    return chain(extend(one(i), `flatMap(${lambda("key, value", body)})`));
  },
  "flat-map-values": (d, n, i) => {
    d.helpers.add("items");
    const body = `items(${d.code(n, "explode", n.config.explode)}).stream()\n${INDENT}.map(item -> ${d.row(n, "columns", n.config.columns)})\n${INDENT}.toList()`;
    return chain(extend(one(i), `flatMapValues(${lambda("key, value", body)})`));
  },
  "select-key": (d, n, i) => {
    const type = keyType(d.model.schemaOf(n));
    return chain(
      extend(
        one(i),
        `selectKey(${lambda("key, value", `(${type}) ${d.code(n, "key", n.config.key)}`)})`,
      ),
    );
  },
  branch,
  merge: (_d, _n, i) =>
    chain(i.in.slice(1).reduce((c, other) => extend(c, `merge(${other.head})`), i.in[0])),
  peek: (d, n, i) => {
    d.helpers.add("log");
    return chain(
      extend(one(i), `peek(${lambda("key, value", `LOG.info("${n.id}: {} -> {}", key, value)`)})`),
    );
  },
  repartition: (d, n, i) => {
    const schema = d.model.schemaOf(n);
    let spec = `Repartitioned.with(${d.keySerde(schema, n)}, ${d.valueSerde(schema)})`;
    if (n.config.name) spec += `.withName(${JSON.stringify(n.config.name)})`;
    if (n.config.partitions) spec += `.withNumberOfPartitions(${n.config.partitions})`;
    return chain(extend(one(i), `repartition(${args([spec], INDENT)})`));
  },
  "group-by-key": (d, n, i) => {
    const schema = d.model.schemaOf(n);
    return chain(
      extend(one(i), `groupByKey(Grouped.with(${d.keySerde(schema, n)}, ${d.valueSerde(schema)}))`),
    );
  },
  "group-by": (d, n, i) => {
    const schema = d.model.schemaOf(n);
    const key = newKey(d, n);
    const table = d.model.portKind(d.model.graph.input(n).node) === "table";
    const selector = table
      ? lambda(
          "key, value",
          `KeyValue.pair(${args([key, n.config.columns ? d.row(n, "columns", n.config.columns) : "value"], INDENT)})`,
        )
      : lambda("key, value", key);
    const grouped = `Grouped.with(${d.keySerde(schema, n)}, ${d.valueSerde(schema)})`;
    return chain(extend(one(i), `groupBy(${args([selector, grouped], INDENT)})`));
  },
  "windowed-by": (_d, n, i) => {
    const windowed = extend(
      one(i),
      `windowedBy(${args([windowSpec(n.config.window).code], INDENT)})`,
    );
    return chain(
      onWindowClose(n) ? extend(windowed, "emitStrategy(EmitStrategy.onWindowClose())") : windowed,
    );
  },
  count: (_d, n, i) => chain(extend(one(i), `count(${materialized(n.config.store).join("")})`)),
  reduce: (d, n, i) => {
    const adder = lambda("agg, value", d.row(n, "adder", n.config.adder));
    const subtractor = n.config.subtractor
      ? [lambda("agg, value", d.row(n, "subtractor", n.config.subtractor))]
      : [];
    return chain(
      extend(
        one(i),
        `reduce(${args([adder, ...subtractor, ...materialized(n.config.store)], INDENT)})`,
      ),
    );
  },
  aggregate,
  cogroup: (d, n, i) => {
    const [first, ...rest] = n.config.inputs;
    const adder = (input: typeof first) =>
      lambda(
        "key, value, agg",
        d.row(n, `inputs[${n.config.inputs.indexOf(input)}].adder`, input.adder),
      );
    let c = extend(one(i, first.port), `cogroup(${adder(first)})`);
    for (const input of rest)
      c = extend(c, `cogroup(${args([one(i, input.port).head, adder(input)], INDENT)})`);
    if (n.config.window) c = extend(c, `windowedBy(${windowSpec(n.config.window).code})`);
    const init = lambda("", d.row(n, "initializer", n.config.initializer));
    return chain(extend(c, `aggregate(${args([init, ...materialized(n.config.store)], INDENT)})`));
  },
  suppress: (_d, n, i) => {
    const c = n.config;
    const spec =
      c.until === "window-close"
        ? "Suppressed.untilWindowCloses(BufferConfig.unbounded())"
        : `Suppressed.untilTimeLimit(${javaDuration(c.timeToWaitMs)}, ${c.maxRecords ? `BufferConfig.maxRecords(${c.maxRecords})` : "BufferConfig.unbounded()"})`;
    return chain(extend(one(i), `suppress(${spec})`));
  },
  "to-table": (_d, n, i) =>
    chain(extend(one(i), `toTable(${materialized(n.config.store).join("")})`)),
  "to-stream": call("toStream()"),
  "stream-stream-join": join,
  "stream-table-join": join,
  "table-table-join": join,
  "foreign-key-join": join,
  "stream-global-join": join,
  sink,
};
