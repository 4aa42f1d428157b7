// The runner's text report: one line per case (with the diff under failures) and the
// closing `N passed, N failed, N unsupported` line.
import type { CaseOutcome } from "./run-case";

export interface Tally {
  passed: number;
  failed: number;
  unsupported: number;
}

export function tally(outcomes: CaseOutcome[]): Tally {
  const count = (s: CaseOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  return { passed: count("pass"), failed: count("fail"), unsupported: count("unsupported") };
}

export function formatOutcome(o: CaseOutcome, file?: string): string {
  const where = file ? `${file}: ` : "";
  const head = `${o.status.toUpperCase().padEnd(11)} ${where}${o.name}`;
  if (o.status === "pass" || !o.detail) return head;
  const indent = o.detail
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `${head}\n${indent}`;
}

export function summaryLine(t: Tally): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.unsupported} unsupported`;
}
