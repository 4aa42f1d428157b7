// The CLI's tests spawn the real `riffle` bin (tsx loads every package per spawn): allow for it.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { testTimeout: 60_000 } });
