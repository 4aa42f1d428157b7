// Public surface of @riffle/topology: the document format, node kind descriptions,
// parsing, validation (findings, fixes, analysis with schemas and scopes), and describe().

export { aggregateType } from "./aggregates";
export {
  type Analysis,
  internalTopicName,
  type NodeAnalysis,
  type RepartitionTopic,
  type SubTopology,
} from "./analysis";
export { CODES, type Code, type CodeInfo, type Severity } from "./codes";
export { describe } from "./describe";
export * from "./document";
export type { Edit, Finding, Fix } from "./findings";
export { hasErrors } from "./findings";
export { applyFix } from "./fixes";
export { topologyJsonSchema } from "./json-schema";
export { KIND_EXAMPLES } from "./kind-examples";
export * from "./kinds";
export { type ParseResult, parseDocument } from "./parse";
export type { RowSchema } from "./row-schema";
export type { Flow, TopicRef } from "./rule-context";
export { frameColumns, itemScope, joinScope, metaColumns, reducerScope, scopeFor } from "./scope";
export { type ValidationResult, validate } from "./validate";
