// Journey (f), issue 10: a first visit to an empty studio picks the orders-payments template,
// meets the guided tour and skips it, deploys on the embedded runtime, sees joined records
// within 15 s, and exports the topology as Kafka Streams Java.
import { expect, test } from "@playwright/test";
import { WEB_URL } from "../env";
import { download, openTab, screenshot } from "./studio";

test("run the orders-payments template from the gallery and export it as Java", async ({
  browser,
}) => {
  // A browser that has never seen Riffle: no tour flag in localStorage.
  // (Contexts made in a test inherit the config's storageState, so clear it explicitly.)
  const context = await browser.newContext({
    baseURL: WEB_URL,
    viewport: { width: 1440, height: 900 },
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto("/");
  const card = page.getByTestId("template-orders-payments");
  await expect(card).toContainText("Sample data: orders, payments");
  await expect(card.getByRole("img")).toHaveAttribute("aria-label", /paid/);
  await card.getByRole("button", { name: "Use this template" }).click();
  await page.waitForURL(/\/topologies\//);
  await expect(page.getByTestId("topology-name")).toHaveText("Orders joined with payments");

  const tour = page.getByRole("dialog", { name: "1 · Palette" });
  await expect(tour).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("dialog", { name: "2 · Connect" })).toBeVisible();
  await page.getByRole("button", { name: "Skip tour" }).click();
  await expect(page.getByRole("dialog", { name: /Connect|Palette/ })).toHaveCount(0);

  await expect(page.getByTestId("validity")).toHaveText("valid");
  await page.getByTestId("tab-deploy").click();
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deployment-status")).toHaveAttribute("data-status", "running");
  await openTab(page, "live");
  const row = page.getByTestId("record-row").first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("PAID");
  await screenshot(page, "f-template-joined");

  await openTab(page, "code");
  await page.getByTestId("code-lang-java").click();
  await expect(page.getByTestId("code-java")).toContainText("Kafka Streams application");
  const java = await download(page);
  expect(java.name).toMatch(/\.java$/);
  expect(java.text).toContain("JoinWindows");

  // The tour stays dismissed on the next visit.
  await page.reload();
  await expect(page.getByTestId("topology-name")).toHaveText("Orders joined with payments");
  await expect(page.getByRole("dialog", { name: "1 · Palette" })).toHaveCount(0);
  await context.close();
});
