// Every node kind's schema rule, in one table keyed by kind.
import type { Rules } from "../rule-context";
import { aggregationRules } from "./aggregations";
import { groupingRules } from "./grouping";
import { joinRules } from "./joins";
import { sinkRule } from "./sink";
import { sourceRules } from "./sources";
import { statelessRules } from "./stateless";

export const RULES: Rules = {
  ...sourceRules,
  ...statelessRules,
  ...groupingRules,
  ...aggregationRules,
  ...joinRules,
  sink: sinkRule,
};
