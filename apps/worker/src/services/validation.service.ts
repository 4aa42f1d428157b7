// The worker's two levels of checking, both delegated to @riffle/topology so the studio and the
// worker judge a document with the same code: readable (enough to store a version, drafts
// included) and valid (no error findings: what /validate answers and deploy requires).
import { type Finding, hasErrors, parseDocument, type Topology, validate } from "@riffle/topology";

export interface CheckResult {
  /** Present when the check passed. */
  document?: Topology;
  findings: Finding[];
}

export function validateDocument(input: unknown): CheckResult {
  const { document, findings } = validate(input);
  return { document: hasErrors(findings) ? undefined : document, findings };
}

/** A version may be stored when its top level reads as a topology document. */
export function readDocument(input: unknown): CheckResult {
  const { document, findings } = parseDocument(input);
  return { document, findings: findings.filter((f) => f.severity === "error") };
}
