// Bad input never loses an edit: a version conflict, a worker that is down, a refused deploy.
// (Invalid SQL is covered by journey c.) Worker failures are simulated with request routing.
import { expect, test } from "@playwright/test";
import { WORKER_URL } from "../env";
import { createTopology, dropNode, screenshot } from "./studio";

test("a version saved meanwhile by someone else: clear message, edits kept, save again", async ({
  page,
  context,
}) => {
  await createTopology(page, "Conflicting edits");
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await other.bringToFront();
  await dropNode(other, "stream-source", 40, 60);
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByTestId("version-marker")).toHaveText("v2");

  await page.bringToFront();
  await dropNode(page, "filter", 300, 60);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("notice").filter({ hasText: "meanwhile" })).toBeVisible();
  await expect(page.locator('[data-kind="filter"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("version-marker")).toHaveText("v3");
});

test("the worker is down: the studio says so and keeps the unsaved edits", async ({ page }) => {
  await createTopology(page, "Offline edits");
  await dropNode(page, "stream-source", 40, 60);
  await page.waitForTimeout(500); // the draft is written to localStorage, debounced
  await page.route(`${WORKER_URL}/**`, (route) => route.abort("connectionrefused"));
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "Working offline" })).toBeVisible();
  await expect(page.locator('[data-kind="stream-source"]')).toHaveCount(1);
  await page.goto("/");
  await expect(page.getByRole("alert").filter({ hasText: "is not answering" })).toBeVisible();
  await screenshot(page, "e-worker-down");
});

test("a deploy the worker refuses shows its message where deploys are made", async ({ page }) => {
  await createTopology(page, "Refused deploy");
  await page.route(`${WORKER_URL}/deployments`, (route) =>
    route.request().method() === "POST"
      ? route.fulfill({
          status: 422,
          contentType: "application/json",
          body: JSON.stringify({
            error: { code: "invalid_topology", message: "invalid topology: no sink (node 'x')" },
          }),
        })
      : route.continue(),
  );
  await page.getByTestId("tab-deploy").click();
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deploy-error")).toContainText("invalid topology: no sink");
});
