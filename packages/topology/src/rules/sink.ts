// Rule of the sink: a fixed topic (declared, or created on deploy) or a dynamic topic
// expression (TopicNameExtractor), which ksqlDB SQL cannot express.
import type { NodeOf } from "../document";
import type { Rule } from "../rule-context";
import { scopeFor } from "../scope";

export const sinkRule: Rule<NodeOf<"sink">> = (ctx) => {
  const { topic, topicExpression } = ctx.config;
  if (!topic && !topicExpression) {
    ctx.report("RF204", "The sink needs `topic` or `topicExpression`.", { field: "config.topic" });
  }
  if (topic && topicExpression) {
    ctx.report("RF205", "The sink has both `topic` and `topicExpression`; `topic` is ignored.", {
      field: "config.topic",
    });
  }
  if (topic && !topicExpression && !ctx.topics.has(topic)) {
    ctx.report("RF202", `Topic '${topic}' is not declared; it will be created on deploy.`, {
      field: "config.topic",
    });
  }
  if (topicExpression) {
    ctx.report("RF203", "Dynamic sink (topicExpression): not exportable to ksqlDB SQL.", {
      field: "config.topicExpression",
    });
    const schema = ctx.input();
    if (schema) {
      ctx.expr(topicExpression, scopeFor(schema), "topicExpression", {
        kind: "STRING",
        what: "A topic expression",
      });
    }
  }
  return {};
};
