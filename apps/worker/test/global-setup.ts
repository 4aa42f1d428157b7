// Finds a PostgreSQL for the API tests: RIFFLE_TEST_PG_URL when set, else a private cluster
// started with scripts/ci-postgres.sh when Debian's postgresql is installed, else none (and
// says so loudly: those suites then run on PGlite only).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

const script = new URL("../scripts/ci-postgres.sh", import.meta.url).pathname;

export default function setup(project: TestProject) {
  const given = process.env.RIFFLE_TEST_PG_URL;
  if (given) {
    project.provide("pgUrl", given);
    return;
  }
  if (!existsSync("/usr/lib/postgresql")) {
    console.warn(
      "\n*** PostgreSQL is not available here: worker API tests run against PGlite only.\n" +
        "*** Install it (apt-get install -y postgresql) or set RIFFLE_TEST_PG_URL to run both.\n",
    );
    project.provide("pgUrl", null);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "riffle-test-pg-"));
  const url = execFileSync(script, {
    env: { ...process.env, RIFFLE_PG_DIR: dir },
    encoding: "utf8",
  });
  project.provide("pgUrl", url.trim());
  return () => {
    execFileSync(script, ["stop", dir], { stdio: "ignore" });
  };
}
