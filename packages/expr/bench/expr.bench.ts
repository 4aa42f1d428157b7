// Compiled `amount > 100 AND region = 'EU'` against a hand-written JS function over the same
// records in the same run; prints ns per evaluation and the ratio. Also times parse+compile.
import { compileExpression, parseExpression, type Scope } from "../src/index";

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

/** Best of five timings of `pass` (one pass = every record once), after a JIT warm-up. */
function measure(name: string, pass: Pass): number {
  for (let i = 0; i < 50; i++) pass();
  let best = Number.POSITIVE_INFINITY;
  let hits = 0;
  for (let trial = 0; trial < 5; trial++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ROUNDS; i++) hits += pass();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / (ROUNDS * records.length));
  }
  const rate = (1000 / best).toFixed(1).padStart(6);
  console.log(
    `${name.padEnd(28)} ${best.toFixed(2).padStart(7)} ns/op  ${rate} M evals/s  (hits ${hits})`,
  );
  return best;
}

const parsed = parseExpression(TEXT);
if (!parsed.ok) throw new Error(parsed.errors[0].message);
const compiled = compileExpression(parsed.value, scope);
const handWritten = (f: (typeof records)[number]) =>
  f.value.amount > 100 && f.value.region === "EU";

console.log(`expression: ${TEXT}  (${records.length} records x ${ROUNDS} rounds, best of 5)`);
// One loop per contender, each calling its function directly, so neither call site is shared.
const baseline = measure("hand-written JS (baseline)", () => {
  let hits = 0;
  for (const r of records) if (handWritten(r) === true) hits++;
  return hits;
});
const ours = measure("compileExpression closure", () => {
  let hits = 0;
  for (const r of records) if (compiled(r) === true) hits++;
  return hits;
});
console.log(`ratio compiled / hand-written: ${(ours / baseline).toFixed(2)}x`);

const compileRounds = 20000;
const start = process.hrtime.bigint();
for (let i = 0; i < compileRounds; i++) {
  const p = parseExpression(TEXT);
  if (p.ok) compileExpression(p.value, scope);
}
const us = Number(process.hrtime.bigint() - start) / compileRounds / 1000;
console.log(`parse + type-check + compile: ${us.toFixed(2)} µs per expression`);
