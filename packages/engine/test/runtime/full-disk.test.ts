// A full disk at deployment level: the commit that does not fit fails, the deployment stops
// with status failed and an error naming the file, and every acknowledged output survives.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const TSX = join(import.meta.dirname, "../../../../node_modules/.bin/tsx");
const CHILD = join(import.meta.dirname, "full-disk-child.ts");
const dir = mkdtempSync(join(tmpdir(), "riffle-full-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("exactly_once_v2 on a full disk: the deployment fails naming the file, no acknowledged output is lost", () => {
  // A real full filesystem: a 2 MiB tmpfs in a private mount namespace (CI runs as root). No
  // unshare or no mount permission gives no JSON line, and the test fails with the child's output.
  const child = spawnSync(
    "unshare",
    [
      "--mount",
      "sh",
      "-c",
      `mount -t tmpfs -o size=2m tmpfs "${dir}" && exec "${TSX}" "${CHILD}" "${dir}"`,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  const line = child.stdout?.split("\n").find((l) => l.startsWith("{"));
  expect(line, `child output: ${child.error ?? ""}${child.stdout}${child.stderr}`).toBeDefined();
  const result = JSON.parse(line as string);
  expect(result.status).toBe("failed");
  expect(result.error).toMatch(/log\.mdb is full: the commit was refused/);
  // Outputs of the committed inputs, in order, exactly once: nothing lost, nothing extra.
  const expected = Array.from({ length: result.committed }, (_, i) => `k${i}=${i}`);
  expect(result.committed).toBeGreaterThan(10);
  expect(result.committed).toBeLessThan(400);
  expect(result.stored).toEqual(expected);
  expect(result.acknowledged).toEqual(expected);
}, 120_000);
