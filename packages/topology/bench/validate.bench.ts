// Prints the time of a full validation of a generated 1,000-node topology (target: < 20 ms),
// against a baseline measured in the same run: parsing the same document without analysis.
import { loadavg } from "node:os";
import { parseDocument, validate } from "@riffle/topology";
import { generateTopology } from "./generate";

const SIZE = 1000;
const TARGET_MS = 20;

function median(run: () => void, rounds: number): number {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

const doc = generateTopology(SIZE);
const result = validate(doc);
const errors = result.findings.filter((f) => f.severity === "error");
if (errors.length > 0) throw new Error(`generated topology is invalid: ${errors[0].message}`);

const parseMs = median(() => parseDocument(doc), 30);
const validateMs = median(() => validate(doc), 30);
const expressions = JSON.stringify(doc).match(/"(predicate|expr|key)":/g)?.length ?? 0;
console.log(
  `topology validate: ${doc.nodes.length} nodes, ${doc.edges.length} edges, ~${expressions} expressions`,
);
console.log(`  baseline parseDocument (zod only): ${parseMs.toFixed(2)} ms`);
console.log(
  `  full validate (median of 30):      ${validateMs.toFixed(2)} ms  (${(validateMs / parseMs).toFixed(1)}x parse)`,
);
console.log(
  `  target < ${TARGET_MS} ms: ${validateMs < TARGET_MS ? "met" : "NOT met"} (load average ${loadavg()[0].toFixed(1)})`,
);
