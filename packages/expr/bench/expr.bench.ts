// Compiled `amount > 100 AND region = 'EU'` against a hand-written JS function over the same
// records in the same run; prints ns per evaluation and the ratio, then the design-time cost
// of parsing, type-checking and compiling it (validation type-checks on every edit).
import { compileExpression, parseExpression, type Scope, typeCheck } from "../src/index";

const scope: Scope = {
  columns: [
    { name: "amount", type: { kind: "INT" }, frame: "value", field: "amount" },
    { name: "region", type: { kind: "STRING" }, frame: "value", field: "region" },
  ],
};
const TEXT = "amount > 100 AND region = 'EU'";
const REGIONS = ["EU", "US", "APAC", "EU"];
const records = Array.from({ length: 4096 }, (_, i) => ({
  value: { amount: (i * 37) % 250, region: REGIONS[i % REGIONS.length] },
}));

type Pass = () => number;
const ROUNDS = 400;
const TRIALS = 7;

/** ns per evaluation of one timed trial (ROUNDS passes over every record). */
function trial(pass: Pass): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) pass();
  return Number(process.hrtime.bigint() - start) / (ROUNDS * records.length);
}

/** Best trial of each contender; trials alternate so both see the same machine load. */
function race(contenders: [string, Pass][]): number[] {
  for (const [, pass] of contenders) for (let i = 0; i < 50; i++) pass(); // JIT warm-up
  const best = contenders.map(() => Number.POSITIVE_INFINITY);
  for (let t = 0; t < TRIALS; t++) {
    contenders.forEach(([, pass], i) => {
      best[i] = Math.min(best[i], trial(pass));
    });
  }
  contenders.forEach(([name, pass], i) => {
    const rate = (1000 / best[i]).toFixed(1).padStart(6);
    console.log(
      `${name.padEnd(28)} ${best[i].toFixed(2).padStart(7)} ns/op  ${rate} M evals/s  (hits/pass ${pass()})`,
    );
  });
  return best;
}

const parsed = parseExpression(TEXT);
if (!parsed.ok) throw new Error(parsed.errors[0].message);
const compiled = compileExpression(parsed.value, scope);
const handWritten = (f: (typeof records)[number]) =>
  f.value.amount > 100 && f.value.region === "EU";

console.log(
  `expression: ${TEXT}  (${records.length} records x ${ROUNDS} rounds, best of ${TRIALS} alternating trials)`,
);
// One loop per contender, each calling its function directly, so neither call site is shared.
const [baseline, ours] = race([
  [
    "hand-written JS (baseline)",
    () => {
      let hits = 0;
      for (const r of records) if (handWritten(r) === true) hits++;
      return hits;
    },
  ],
  [
    "compileExpression closure",
    () => {
      let hits = 0;
      for (const r of records) if (compiled(r) === true) hits++;
      return hits;
    },
  ],
]);
console.log(`ratio compiled / hand-written: ${(ours / baseline).toFixed(2)}x`);

/** µs per call of `step`, best of five runs after a warm-up. */
function perCall(step: () => unknown): number {
  const calls = 5000;
  for (let i = 0; i < calls; i++) step();
  let best = Number.POSITIVE_INFINITY;
  for (let t = 0; t < 5; t++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) step();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / calls / 1000);
  }
  return best;
}

const ast = parsed.value;
const phases: [string, () => unknown][] = [
  ["parse (tokenize + parse)", () => parseExpression(TEXT)],
  ["typeCheck", () => typeCheck(ast, scope)],
  ["compileExpression", () => compileExpression(ast, scope)],
];
for (const [name, step] of phases)
  console.log(`${name.padEnd(28)} ${perCall(step).toFixed(2).padStart(7)} µs`);
