// Sources and sinks: builder.stream/table/globalTable with the topic's serdes and timestamp
// extractor, and KStream#to with a fixed or computed topic.
import type { TimestampExtractor as DocExtractor, NodeOf } from "@riffle/topology";
import { Consumed } from "../kstream/consumed";
import type { KStream } from "../kstream/kstream";
import { Materialized } from "../kstream/materialized";
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

function extractor(spec: DocExtractor): TimestampExtractor {
  if (spec.kind === "field") return fieldTimestamp(spec.field);
  return spec.kind === "wall-clock" ? wallClockTimestamp : recordTimestamp;
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
    return { out: ctx.builder.stream(topic, consumed(ctx, topic, timestamp)) };
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
    const stream = input<KStream>(ctx);
    const declared = topic === undefined ? undefined : ctx.topics.get(topic);
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
