// Findings returned next to generated code: where a target language cannot say exactly
// what the document means, the output carries a comment and the caller gets one of these.

export type Lang = "ts" | "java" | "ksql";

export type FindingCode =
  | "invalid-document"
  | "unsupported-node"
  | "unsupported-window"
  | "unsupported-timestamp"
  | "unsupported-expression"
  | "unsupported-join-key"
  | "approximate-semantics";

export interface Finding {
  code: FindingCode;
  severity: "error" | "warning" | "info";
  /** The node the finding concerns; absent for document-level findings. */
  nodeId?: string;
  message: string;
}

export interface ExportResult {
  code: string;
  findings: Finding[];
}

/** Collects findings and renders the matching comment text for the output. */
export class FindingSink {
  readonly findings: Finding[] = [];

  /** Records a finding and returns the one-line comment text to place in the code. */
  add(finding: Finding): string {
    this.findings.push(finding);
    const where = finding.nodeId ? ` (node ${finding.nodeId})` : "";
    return `${finding.severity.toUpperCase()} ${finding.code}${where}: ${finding.message}`;
  }
}
