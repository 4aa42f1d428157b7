// Sources and sinks: builder.stream/table/globalTable with the topic's serdes and timestamp
// extractor, and KStream#to with a fixed or computed topic.
import type { TimestampExtractor as DocExtractor, NodeOf, Topic } from "@riffle/topology";
import { Consumed } from "../kstream/consumed";
import type { KStream } from "../kstream/kstream";
import { Materialized } from "../kstream/materialized";
import { Named } from "../kstream/named";
import { Produced } from "../kstream/produced";
import {
  fieldTimestamp,
  recordTimestamp,
  type TimestampExtractor,
  wallClockTimestamp,
} from "../processor/timestamp-extractor";
import { compileAt } from "./frames";
import { input, type NodeCompiler, type NodeContext, scope } from "./node-context";
import { topicSerdes } from "./topic-serdes";
import { windowedKeys } from "./windowed-source";

function extractor(spec: DocExtractor): TimestampExtractor {
  if (spec.kind === "field") return fieldTimestamp(spec.field);
  return spec.kind === "wall-clock" ? wallClockTimestamp : recordTimestamp;
}

/**
 * A topic whose value is one bare column (KAFKA format, or WRAP_SINGLE_VALUE=false) gets that
 * column, not a one-column row, whatever shape the row reaching the sink has (ksqlDB).
 */
function unwrapSingleColumn(ctx: NodeContext, stream: KStream, topic: Topic | undefined) {
  const row = ctx.analysis.inputs.in?.[0]?.schema;
  if (!topic?.valueUnwrapped || topic.value.length !== 1 || !row || row.valueUnwrapped) {
    return stream;
  }
  const column = row.value.length === 1 ? row.value[0].name : topic.value[0].name;
  return stream.mapValues(
    (v: Record<string, unknown> | null) => (v === null ? null : (v[column] ?? null)),
    Named.as(`${ctx.node.id}-unwrap`),
  );
}

function consumed(
  ctx: NodeContext,
  topic: string,
  spec: DocExtractor = { kind: "record" },
): Consumed {
  const { keySerde, valueSerde } = topicSerdes(ctx.topics.get(topic));
  return Consumed.with(keySerde, valueSerde)
    .withTimestampExtractor(extractor(spec))
    .withName(ctx.node.id);
}

export const sourceCompilers = {
  "stream-source": (ctx: NodeContext<NodeOf<"stream-source">>) => {
    const { topic, timestamp } = ctx.node.config;
    const stream = ctx.builder.stream(topic, consumed(ctx, topic, timestamp));
    const windowed = ctx.topics.get(topic)?.windowed;
    if (!windowed) return { out: stream };
    return { out: stream.process(windowedKeys(windowed), Named.as(`${ctx.node.id}-windowed`)) };
  },
  "table-source": (ctx: NodeContext<NodeOf<"table-source">>) => {
    const { topic, timestamp, store } = ctx.node.config;
    return {
      out: ctx.builder.table(
        topic,
        consumed(ctx, topic, timestamp),
        Materialized.as(store ?? ctx.node.id),
      ),
    };
  },
  "global-table-source": (ctx: NodeContext<NodeOf<"global-table-source">>) => {
    const { topic, store } = ctx.node.config;
    return {
      out: ctx.builder.globalTable(
        topic,
        consumed(ctx, topic),
        Materialized.as(store ?? ctx.node.id),
      ),
    };
  },
  sink: (ctx: NodeContext<NodeOf<"sink">>) => {
    const { topic, topicExpression } = ctx.node.config;
    const declared = topic === undefined ? undefined : ctx.topics.get(topic);
    const stream = unwrapSingleColumn(ctx, input<KStream>(ctx), declared);
    const serdes = declared ? topicSerdes(declared) : stream.serdes;
    const produced = Produced.with(serdes.keySerde, serdes.valueSerde).withName(ctx.node.id);
    if (topicExpression) {
      const pick = compileAt(
        topicExpression,
        scope(ctx, "topicExpression"),
        ctx.node.id,
        "topicExpression",
      );
      stream.to((key, value, c) => pick({ value }, key, c.timestamp), produced);
    } else stream.to(topic!, produced);
    return {};
  },
} satisfies Record<string, NodeCompiler<any>>;
