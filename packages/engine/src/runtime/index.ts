// The deployment runtime: tasks over a Log under a processing guarantee, and dead letters.

export { DLQ_HEADERS, deadLetterRecord, deadLetterTopic } from "./dead-letters";
export {
  Deployment,
  type DeploymentMetrics,
  type DeploymentOptions,
  type DeploymentStatus,
  type OffsetResetPolicy,
  type ProcessingGuarantee,
  startDeployment,
} from "./deployment";
export { offsetResetsOf } from "./offset-reset";
