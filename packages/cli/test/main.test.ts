// The command registry: commands run in-process through main() and return exit codes.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Io } from "../src/io";
import { main } from "../src/main";

const FIXTURES = resolve(__dirname, "../../topology/test/fixtures");

function capture(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

describe("main()", () => {
  it("dispatches to a registered command and returns its exit code", async () => {
    const io = capture();
    expect(await main(["validate", join(FIXTURES, "join-window.json")], io)).toBe(0);
    expect(io.lines.at(-1)).toContain("valid");
  });

  it("returns 2 for usage errors (unknown command, missing argument)", async () => {
    expect(await main(["frobnicate"], capture())).toBe(2);
    expect(await main(["describe"], capture())).toBe(2);
  });
});
