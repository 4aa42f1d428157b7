// KStream#peek as a fusable step: observes records without changing them.
import type { FusableStep } from "../../processor/processor";

export function peekStep(action: (key: any, value: any) => void): FusableStep {
  return { op: "peek", action };
}
