// Schema rules of sources: the declared topic's key and value columns.
import type { NodeOf } from "../document";
import type { RowSchema } from "../row-schema";
import type { Rule, RuleContext } from "../rule-context";

type SourceKind = "stream-source" | "table-source" | "global-table-source";

const fromTopic = (ctx: RuleContext<NodeOf<SourceKind>>): Record<string, RowSchema | undefined> => {
  const topic = ctx.topics.get(ctx.config.topic);
  if (!topic) {
    ctx.report("RF201", `Topic '${ctx.config.topic}' is not declared in \`topics\`.`, {
      field: "config.topic",
    });
    return { out: undefined };
  }
  const ts = "timestamp" in ctx.config ? ctx.config.timestamp : undefined;
  if (ts?.kind === "field" && !topic.value.some((c) => c.name === ts.field)) {
    ctx.report("RF206", `Topic '${topic.name}' has no value column '${ts.field}' for timestamps.`, {
      field: "config.timestamp.field",
    });
  }
  const schema = { key: topic.key, value: topic.value, valueUnwrapped: topic.valueUnwrapped };
  return { out: topic.windowed ? { ...schema, windowed: topic.windowed.type } : schema };
};

export const sourceRules: { [K in SourceKind]: Rule<NodeOf<K>> } = {
  "stream-source": fromTopic,
  "table-source": fromTopic,
  "global-table-source": fromTopic,
};
