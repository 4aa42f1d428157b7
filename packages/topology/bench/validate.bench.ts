// Prints the time of a full validation of a generated 1,000-node topology (target: < 20 ms),
// against a baseline measured in the same run: parsing the same document without analysis.
import { loadavg } from "node:os";
import { parseDocument, validate } from "@riffle/topology";
import { generateTopology } from "./generate";

const SIZE = 1000;
const TARGET_MS = 20;

/** Median wall time and mean CPU time (user + system) of one run, in ms. CPU time stays
 *  meaningful when other processes load the machine; wall time does not. */
function measure(run: () => void, rounds: number): { wall: number; cpu: number } {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    wall: times.sort((a, b) => a - b)[Math.floor(rounds / 2)],
    cpu: (cpu.user + cpu.system) / 1000 / rounds,
  };
}

const doc = generateTopology(SIZE);
const result = validate(doc);
const errors = result.findings.filter((f) => f.severity === "error");
if (errors.length > 0) throw new Error(`generated topology is invalid: ${errors[0].message}`);

const parse = measure(() => parseDocument(doc), 30);
const full = measure(() => validate(doc), 30);
const expressions = JSON.stringify(doc).match(/"(predicate|expr|key)":/g)?.length ?? 0;
const fmt = (m: { wall: number; cpu: number }) =>
  `${m.wall.toFixed(2)} ms wall (median), ${m.cpu.toFixed(2)} ms CPU`;
console.log(
  `topology validate: ${doc.nodes.length} nodes, ${doc.edges.length} edges, ~${expressions} expressions`,
);
console.log(`  baseline parseDocument (zod only): ${fmt(parse)}`);
console.log(
  `  full validate:                      ${fmt(full)}  (${(full.cpu / parse.cpu).toFixed(1)}x parse)`,
);
const verdict =
  full.wall < TARGET_MS
    ? "met"
    : full.cpu < TARGET_MS
      ? "met in CPU time, not in wall time"
      : "NOT met";
console.log(`  target < ${TARGET_MS} ms: ${verdict} (load average ${loadavg()[0].toFixed(1)})`);
