// Export time for a large generated topology, per target language, next to the time of
// validate() alone on the same document (every export validates first): the baseline.
import { performance } from "node:perf_hooks";
import { validate } from "@riffle/topology";
import { exportTopology, type Lang } from "../src";

/** `chains` independent pipelines of 8 nodes, plus a stream-table join per pair of chains. */
function generate(chains: number): unknown {
  const topics: unknown[] = [];
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  const edge = (from: string, to: string, port = "in") =>
    edges.push({ id: `e${edges.length}`, from: { node: from }, to: { node: to, port } });
  const columns = [
    { name: "CUSTOMER", type: "STRING" },
    { name: "AMOUNT", type: "DOUBLE" },
    { name: "REGION", type: "STRING" },
  ];
  for (let i = 0; i < chains; i++) {
    topics.push({
      name: `in-${i}`,
      partitions: 4,
      key: [{ name: "ID", type: "STRING" }],
      value: columns,
    });
    topics.push({
      name: `out-${i}`,
      partitions: 4,
      key: [{ name: "CUSTOMER", type: "STRING" }],
      value: [{ name: "N", type: "BIGINT" }],
      valueUnwrapped: true,
    });
    const p = (s: string) => `${s}-${i}`;
    nodes.push(
      { id: p("src"), kind: "stream-source", config: { topic: `in-${i}` } },
      { id: p("big"), kind: "filter", config: { predicate: "AMOUNT > 100 AND REGION <> 'test'" } },
      {
        id: p("cents"),
        kind: "map-values",
        config: {
          columns: [
            { name: "CUSTOMER", expr: "UCASE(CUSTOMER)" },
            { name: "CENTS", expr: "CAST(AMOUNT * 100 AS BIGINT)" },
          ],
        },
      },
      { id: p("rekey"), kind: "select-key", config: { key: "CUSTOMER", keyName: "CUSTOMER" } },
      { id: p("group"), kind: "group-by-key", config: {} },
      { id: p("count"), kind: "count", config: { column: "N" } },
      { id: p("changes"), kind: "to-stream", config: {} },
      { id: p("sink"), kind: "sink", config: { topic: `out-${i}` } },
    );
    for (const [a, b] of [
      ["src", "big"],
      ["big", "cents"],
      ["cents", "rekey"],
      ["rekey", "group"],
      ["group", "count"],
      ["count", "changes"],
      ["changes", "sink"],
    ]) {
      edge(p(a), p(b));
    }
  }
  return { format: "riffle.topology/v1", name: "bench", topics, nodes, edges };
}

function timeMs(run: () => unknown, repeat: number): number {
  run();
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - start) / repeat;
}

const chains = 125;
const doc = generate(chains);
const repeat = 5;
const baseline = timeMs(() => validate(doc), repeat);
console.log(`codegen bench: ${chains * 8} nodes, mean of ${repeat} runs`);
console.log(`  validate (baseline)   ${baseline.toFixed(1)} ms`);
for (const lang of ["ksql", "java", "ts"] as Lang[]) {
  const { findings } = exportTopology(doc, lang);
  if (findings.some((f) => f.severity === "error"))
    throw new Error(`${lang}: ${findings[0].message}`);
  const ms = timeMs(() => exportTopology(doc, lang), repeat);
  console.log(
    `  export --lang ${lang.padEnd(5)} ${ms.toFixed(1).padStart(6)} ms  (${(ms / baseline).toFixed(2)}x validate)`,
  );
}
