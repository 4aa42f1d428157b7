// The embedded database refuses a second opener of the same data directory (PGlite would not).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbedded } from "../src/db/embedded";

describe("embedded database", () => {
  it("refuses to open a data directory another worker holds, and frees it on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "riffle-lock-"));
    const first = await startEmbedded(dir);
    await expect(startEmbedded(dir)).rejects.toThrow(/in use by another Riffle worker/);
    await first.close();
    const again = await startEmbedded(dir);
    await again.close();
  });
});
