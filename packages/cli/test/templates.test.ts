// `riffle templates`, run through the real bin: the list names every template, `show --json`
// prints a document that `riffle validate` accepts, an unknown name exits 1 with the choices.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TEMPLATES } from "@riffle/templates";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "packages/cli/bin/riffle.mjs");

function riffle(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("riffle templates", () => {
  it("lists every template with its title and sample data", () => {
    const r = riffle("templates", "list");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(TEMPLATES.length);
    expect(lines[0]).toMatch(
      /^orders-payments\s+Orders joined with payments {2}\[orders, payments\]$/,
    );
  });

  it("shows a template as a document that riffle validate accepts", () => {
    const shown = riffle("templates", "show", "sensor-alerts", "--json");
    expect(shown.code).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), "riffle-tpl-")), "t.json");
    writeFileSync(file, shown.out);
    expect(JSON.parse(shown.out).name).toBe("sensor-alerts");
    const validated = riffle("validate", file);
    expect(validated.err).toBe("");
    expect(validated.code).toBe(0);
  });

  it("shows the description before the document without --json", () => {
    const r = riffle("templates", "show", "click-sessions");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^User click sessions\n\nGroups each user's page clicks/);
    expect(r.out).toContain("Sample data: clicks");
  });

  it("refuses an unknown name with exit 1 and the list of names", () => {
    const r = riffle("templates", "show", "orders-paymnts");
    expect(r.code).toBe(1);
    expect(r.err).toContain("no template named 'orders-paymnts'");
    expect(r.err).toContain("orders-payments");
  });
});
