// Worker tests: one file at a time (each starts PGlite, which is memory-hungry), PostgreSQL
// started once for the run by test/global-setup.ts when it is installed.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
