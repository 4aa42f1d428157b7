// Golden-file comparison: the expected output lives next to the tests and is reviewed by
// hand; UPDATE_GOLDEN=1 rewrites it after a deliberate change.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const GOLDEN = join(import.meta.dirname, "golden");

export function golden(file: string, actual: string): string {
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, "utf8");
}
