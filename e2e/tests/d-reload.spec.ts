// Journey (d): save twice, reload the page: the topology and both versions are still there
// (they live in the worker's database, not in the page).
import { expect, test } from "@playwright/test";
import { createTopology, dropNode, screenshot } from "./studio";

test("topology and its versions survive a reload", async ({ page }) => {
  await createTopology(page, "Survives reloads");
  await dropNode(page, "stream-source", 40, 60);
  await page.getByLabel("Read a sample topic").selectOption("orders");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("version-marker")).toHaveText("v2");
  await dropNode(page, "sink", 340, 60);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("version-marker")).toHaveText("v3");

  await page.reload();
  await expect(page.getByTestId("topology-name")).toHaveText("Survives reloads");
  await expect(page.locator('[data-kind="stream-source"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="sink"]')).toHaveCount(1);
  await page.getByTestId("tab-versions").click();
  await expect(page.getByTestId("version-row")).toHaveCount(3);

  await page.goto("/");
  await expect(
    page.getByTestId("topology-row").filter({ hasText: "Survives reloads" }),
  ).toHaveCount(1);
  await screenshot(page, "d-reload");
});
