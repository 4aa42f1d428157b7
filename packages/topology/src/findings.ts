// Findings: what validation reports, each tied to a catalogued code and, where it can,
// a fix expressed as edits of the document (applied with `applyFix`).
import { CODES, type Code, type Severity } from "./codes";
import type { Edge, Node } from "./document";

/** One change to a document. Fixes are lists of these so the canvas can preview and undo them. */
export type Edit =
  | { op: "add-node"; node: Node }
  | { op: "remove-edge"; edgeId: string }
  | { op: "add-edge"; edge: Edge }
  | { op: "set-config"; nodeId: string; path: (string | number)[]; value: unknown };

export interface Fix {
  title: string;
  edits: Edit[];
}

export interface Finding {
  code: Code;
  severity: Severity;
  nodeId?: string;
  edgeId?: string;
  /** Path inside the node (e.g. `config.columns[1].expr`) or document (e.g. `topics[0].name`). */
  field?: string;
  message: string;
  /** Position inside an expression, when the finding comes from one. */
  line?: number;
  column?: number;
  fix?: Fix;
}

export interface FindingWhere {
  nodeId?: string;
  edgeId?: string;
  field?: string;
  line?: number;
  column?: number;
  fix?: Fix;
}

/** Builds a finding with the severity its code is catalogued with. */
export function finding(code: Code, message: string, where: FindingWhere = {}): Finding {
  const f: Finding = { code, severity: CODES[code].severity, message };
  for (const [k, v] of Object.entries(where)) if (v !== undefined) (f as any)[k] = v;
  return f;
}

/** Renders a zod-style path as `config.columns[1].expr`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
