// `npm start`: Riffle on embedded defaults with one command. Starts the worker (port 4000) and
// the web studio (production build, built first when missing or older than its sources, then
// `next start` on port 3000), forwards Ctrl+C / SIGTERM to both, and prints the URL.
// A production build is used rather than `next dev`: pages open at once instead of compiling
// on first visit (Monaco alone takes many seconds), and it needs far less memory on 2 cores.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const webDir = join(root, "apps/web");
const workerPort = Number(process.env.PORT ?? 4000);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const workerUrl = process.env.RIFFLE_WORKER_URL ?? `http://localhost:${workerPort}`;
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PORT: String(workerPort),
  RIFFLE_WORKER_URL: workerUrl,
  WEB_ORIGIN: process.env.WEB_ORIGIN ?? `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
};

/** Newest modification time under `dir` (sources only). */
function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

function buildIsCurrent() {
  const buildId = join(webDir, ".next/BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = [
    "apps/web/src",
    "packages/topology/src",
    "packages/expr/src",
    "packages/sql/src",
    "packages/codegen/src",
  ]
    .map((d) => join(root, d))
    .filter(existsSync);
  return Math.max(...sources.map(newest)) < statSync(buildId).mtimeMs;
}

const children = new Set();

function run(name, args, options = {}) {
  // Each child leads its own process group, so a signal reaches npm's grandchildren too.
  const child = spawn("npm", args, {
    cwd: root,
    env,
    stdio: "inherit",
    detached: true,
    ...options,
  });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping && !options.oneShot) {
      console.error(`riffle: ${name} exited (${signal ?? code}); stopping.`);
      stop("SIGTERM", code ?? 1);
    }
  });
  return child;
}

let stopping = false;
function stop(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
  const timer = setTimeout(() => process.exit(exitCode), 10_000);
  timer.unref();
  const check = setInterval(() => {
    if (children.size === 0) process.exit(exitCode);
  }, 100);
  check.unref();
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

run("worker", ["start", "-w", "@riffle/worker"]);

if (!buildIsCurrent()) {
  console.log("riffle: building the web studio (first start or changed sources, ~1 minute)…");
  const code = await new Promise((resolve) => {
    run("web build", ["run", "build", "-w", "@riffle/web"], { oneShot: true }).on("exit", resolve);
  });
  if (code !== 0) {
    console.error("riffle: the web build failed; see above.");
    stop("SIGTERM", 1);
  }
}
if (!stopping) {
  run("web", ["exec", "-w", "@riffle/web", "--", "next", "start", "-p", String(webPort)]);
  const [worker, web] = await Promise.all([
    waitFor(`http://127.0.0.1:${workerPort}/health`, 120_000),
    waitFor(`http://127.0.0.1:${webPort}/`, 120_000),
  ]);
  if (worker && web) console.log(`\nRiffle is running: open http://localhost:${webPort}\n`);
  else if (!stopping) console.error("riffle: the worker or the web studio did not become ready.");
}
