// `npm run bench -w @riffle/engine`: P1-P4 through the engine and through hand-written loops
// on the same generated orders, with and without JSON decoding. Each case runs in its own
// child process so its peak RSS is its own. Prints a table; `--json` for machine output.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CASES = ["P1", "P2", "P3", "P4"] as const;
const COUNT = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const TARGETS: Record<string, { ratio: number; raw: number }> = {
  P1: { ratio: 0.8, raw: 5e6 },
  P2: { ratio: 0.8, raw: 3e6 },
  P3: { ratio: 0.8, raw: 2e6 },
  P4: { ratio: 0.7, raw: 0.4e6 },
};

interface Run {
  recordsPerSec: number;
  outputs: number;
}

interface Result {
  engine: Run;
  hand: Run;
  peakRssMb: number;
}

function child(args: string[], heapMb = 4096): Result {
  const script = fileURLToPath(new URL("./bench-case.ts", import.meta.url));
  const flags = ["--expose-gc", "--import", "tsx", `--max-old-space-size=${heapMb}`];
  const out = execFileSync(process.execPath, [...flags, script, ...args], {
    encoding: "utf8",
    env: { ...process.env, BENCH_RECORDS: String(COUNT) },
  });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`);
console.log(
  `engine bench: ${COUNT.toLocaleString("en")} records over 10k keys, 1% out of order (node ${process.version})`,
);
console.log(
  "rec/s: best of 3 rounds, engine and hand loop alternating in one process; RSS: one round alone",
);
console.log(
  "case  json  engine rec/s  hand rec/s  ratio  target     engine RSS  hand RSS  outputs",
);
for (const json of [true, false]) {
  for (const c of CASES) {
    const mode = json ? "json" : "object";
    const { engine, hand } = child([c, mode, "both"]);
    const engineRss = child([c, mode, "engine"]).peakRssMb;
    const handRss = child([c, mode, "hand"]).peakRssMb;
    const ratio = engine.recordsPerSec / hand.recordsPerSec;
    const t = TARGETS[c];
    const ok = json ? ratio >= t.ratio : engine.recordsPerSec >= t.raw;
    const target = json ? `>=${t.ratio}x` : `>=${fmt(t.raw)}/s`;
    console.log(
      `${c}    ${json ? "yes" : "no "}   ${fmt(engine.recordsPerSec).padStart(10)}  ${fmt(hand.recordsPerSec).padStart(10)}  ${ratio.toFixed(2).padStart(5)}  ${target.padEnd(9)} ${ok ? "ok" : "MISS"}  ${String(engineRss).padStart(6)} MB  ${String(handRss).padStart(5)} MB  ${engine.outputs}${engine.outputs === hand.outputs ? "" : ` (hand ${hand.outputs})`}`,
    );
  }
}
// The count state alone: V8 keeps garbage around while the heap may grow, so the case runs
// once with the default heap limit and once capped at 256 MB (the state must still fit).
interface StateResult {
  keys: number;
  liveHeapMb: number;
  /** Typed arrays live outside the V8 heap: the key-value store keeps timestamps and its index there. */
  arrayBuffersMb: number;
  peakRssMb: number;
}
for (const heap of [4096, 256]) {
  const s = child(["COUNT-1M-KEYS", "object", "engine"], heap) as unknown as StateResult;
  console.log(
    `count state, ${s.keys.toLocaleString("en")} distinct keys, --max-old-space-size=${heap}: live heap ${s.liveHeapMb} MB + ${s.arrayBuffersMb} MB of typed arrays, peak RSS ${s.peakRssMb} MB (target < 300 MB)`,
  );
}
