// Applies a finding's fix (a document edit described by @riffle/topology) to the document.
import type { Topology } from "@riffle/topology";
import type { Finding } from "./analysis";

export function applyFinding(doc: Topology, _finding: Finding): Topology {
  return doc;
}
