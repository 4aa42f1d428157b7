// `npm test`: every workspace's unit tests (through turbo, one at a time on these 2-core
// machines), then the browser journeys, then one closing line `Riffle: N passed, N failed`
// summed from the runners' JSON reports.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const REPORT = ".reports/vitest.json";
const E2E_REPORT = join(root, "e2e/.reports/playwright.json");

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function workspaces() {
  return ["packages", "apps"].flatMap((top) =>
    readdirSync(join(root, top)).map((name) => join(root, top, name)),
  );
}

for (const dir of workspaces()) rmSync(join(dir, ".reports"), { recursive: true, force: true });
rmSync(E2E_REPORT, { force: true });

let status = run("npx", [
  "turbo",
  "run",
  "test",
  "--concurrency=1",
  "--continue",
  "--output-logs=full",
  "--",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${REPORT}`,
]);

if (existsSync(join(root, "e2e/playwright.config.ts"))) {
  status = run("npm", ["run", "e2e"], { PLAYWRIGHT_JSON_OUTPUT_NAME: E2E_REPORT }) || status;
}

let passed = 0;
let failed = 0;
for (const dir of workspaces()) {
  const file = join(dir, REPORT);
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  // A file that failed without a failing test (it did not load) still counts once.
  failed += r.numFailedTests || r.numFailedTestSuites;
}
if (existsSync(E2E_REPORT)) {
  const s = JSON.parse(readFileSync(E2E_REPORT, "utf8")).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
}
if (status !== 0 && failed === 0) failed = 1; // a runner failed before reporting any test
console.log(`\nRiffle: ${passed} passed, ${failed} failed`);
process.exit(status);
