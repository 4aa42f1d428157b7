// Playwright for Riffle's journeys: Debian's Chromium (never a downloaded browser), one worker
// and one web app started by global-setup on private ports with a blank database.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium";
import { WEB_URL } from "./env";

export default defineConfig({
  testDir: "tests",
  globalSetup: "./global-setup.ts",
  outputDir: "artifacts/test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // `npm test` (scripts/test.mjs) asks for a JSON report to sum up every runner's results.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: WEB_URL,
    // The guided tour greets a first visit; journeys other than the template one start past it.
    storageState: {
      cookies: [],
      origins: [{ origin: WEB_URL, localStorage: [{ name: "riffle.tour.seen", value: "1" }] }],
    },
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
