// Journey (a): drag an orders source, a filter `amount > 100`, a group by region, a 10-second
// tumbling window, a count and a sink; connect them; deploy on the embedded runtime with sample data; the sink
// table shows windowed counts and the edges show non-zero rates within 15 s.
import { expect, test } from "@playwright/test";
import {
  connect,
  createTopology,
  dropNode,
  openTab,
  screenshot,
  select,
  typeExpression,
} from "./studio";

test("build, deploy and watch a windowed count of large orders", async ({ page }) => {
  await createTopology(page, "Large orders per window");

  const source = await dropNode(page, "stream-source", 40, 60);
  await page.getByLabel("Read a sample topic").selectOption("orders");
  const filter = await dropNode(page, "filter", 320, 60);
  await typeExpression(page, "predicate", "amount > 100");
  const group = await dropNode(page, "group-by", 600, 60);
  await typeExpression(page, "key", "region");
  const window = await dropNode(page, "windowed-by", 40, 230);
  await page.locator(`#${window}-config-window-sizeMs`).fill("10000");
  const count = await dropNode(page, "count", 320, 230);
  const toStream = await dropNode(page, "to-stream", 600, 230);
  const sink = await dropNode(page, "sink", 320, 400);
  await page.locator(`#${sink}-config-topic`).fill("large-order-counts");

  await connect(page, source, filter);
  await connect(page, filter, group);
  await connect(page, group, window);
  await connect(page, window, count);
  await connect(page, count, toStream);
  await connect(page, toStream, sink);

  await select(page, filter);
  await expect(page.getByTestId("validity")).toHaveText("valid");
  await page.getByRole("button", { name: "Auto-layout" }).click();

  await page.getByTestId("tab-deploy").click();
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deployment-status")).toHaveAttribute("data-status", "running");
  await openTab(page, "live");

  // Everything within 15 s of the deployment running: edge rates first (they need only
  // metrics), then the windowed counts in the sink table.
  const deadline = Date.now() + 15_000;
  const left = () => Math.max(1_000, deadline - Date.now());
  await expect(async () => {
    const rates = await page
      .locator('[data-testid^="edge-rate-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-rate"))));
    expect(rates.some((r) => r > 0)).toBe(true);
  }).toPass({ timeout: left() });
  await expect(page.getByTestId("record-row").first()).toBeVisible({ timeout: left() });
  await expect(page.getByTestId("record-window").first()).not.toBeEmpty({ timeout: left() });
  await screenshot(page, "a-windowed-count", "dashboard");
});
