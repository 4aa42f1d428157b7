// Starts Riffle the way a user does (`node scripts/start.mjs`: worker + web, building the web
// app when its build is missing or stale) with a fresh temporary RIFFLE_DATA_DIR, waits for
// both to answer, and stops them after the suite.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WEB_PORT, WORKER_PORT, WORKER_URL } from "./env";

const root = join(import.meta.dirname, "..");

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`riffle exited with ${child.exitCode} before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // E2E_EXTERNAL=1: drive an instance that is already running on the same ports (development).
  if (process.env.E2E_EXTERNAL === "1") return async () => {};
  const dataDir = mkdtempSync(join(tmpdir(), "riffle-e2e-"));
  const child = spawn("node", ["scripts/start.mjs"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PORT: String(WORKER_PORT),
      WEB_PORT: String(WEB_PORT),
      RIFFLE_WORKER_URL: WORKER_URL,
      RIFFLE_DATA_DIR: dataDir,
      RIFFLE_SAMPLES: "on",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitFor(`http://127.0.0.1:${WORKER_PORT}/health`, child, 180_000);
    await waitFor(`http://127.0.0.1:${WEB_PORT}/`, child, 240_000);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
