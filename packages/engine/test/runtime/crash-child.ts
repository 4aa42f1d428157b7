// Child process of the crash test: runs the crash topology on a durable log in DIR until its
// input is fully processed, then exits 0. The parent kills it with SIGKILL at random moments.
import { join } from "node:path";
import { DurableLog, type ProcessingGuarantee, startDeployment } from "../../src";
import { crashTopology } from "./crash-topology";

const [dir, guarantee] = process.argv.slice(2) as [string, ProcessingGuarantee];
const log = new DurableLog({ dir: join(dir, "log") });
const deployment = startDeployment({
  topology: crashTopology(),
  log,
  guarantee,
  commitIntervalMs: guarantee === "exactly_once_v2" ? 100 : 200,
  maxPollRecords: 500,
  stateDir: join(dir, "state"),
});
process.stdout.write("running\n");

async function inputDone(): Promise<boolean> {
  for (const topic of ["orders", "customers"]) {
    for (let p = 0; p < 3; p++) {
      const committed = (await log.committed("crash", topic, p)) ?? 0;
      if (committed < (await log.endOffset(topic, p))) return false;
    }
  }
  return true;
}

while (deployment.status() !== "failed" && !(await inputDone())) {
  await new Promise((r) => setTimeout(r, 20));
}
await deployment.stop();
await log.close();
process.stdout.write(`done ${deployment.status()} ${deployment.lastError()?.message ?? ""}\n`);
