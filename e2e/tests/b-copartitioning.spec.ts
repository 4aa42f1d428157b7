// Journey (b): join a 3-partition and a 6-partition source; the join node shows the
// co-partitioning finding with both topics and counts; applying its fix makes the topology
// valid (Kafka Streams: "Topics not co-partitioned"); deploy.
import { expect, test } from "@playwright/test";
import { connect, createTopology, dropNode, node, screenshot } from "./studio";

test("co-partitioning finding on a join, one-click fix, deploy", async ({ page }) => {
  await createTopology(page, "Clicks joined with orders");

  const clicks = await dropNode(page, "stream-source", 40, 40);
  await page.getByLabel("Read a sample topic").selectOption("clicks");
  const orders = await dropNode(page, "stream-source", 40, 260);
  await page.getByLabel("Read a sample topic").selectOption("orders");
  const join = await dropNode(page, "stream-stream-join", 340, 150);
  await page.locator(`#${join}-config-beforeMs`).fill("60000");
  await page.locator(`#${join}-config-afterMs`).fill("60000");
  const sink = await dropNode(page, "sink", 640, 150);
  await page.locator(`#${sink}-config-topic`).fill("clicks-with-orders");

  await connect(page, clicks, join, { in: "left" });
  await connect(page, orders, join, { in: "right" });
  await connect(page, join, sink);

  const finding = node(page, join)
    .getByTestId("node-finding")
    .filter({ hasText: "co-partitioned" });
  await expect(finding).toContainText("clicks=3");
  await expect(finding).toContainText("orders=6");
  await expect(node(page, join)).toHaveAttribute("data-severity", "error");
  await screenshot(page, "b-copartitioning-finding", "designer");

  await page
    .locator('[data-testid="finding"][data-code="RF501"]')
    .getByRole("button", { name: /^Fix/ })
    .click();
  await expect(page.getByTestId("validity")).toHaveText("valid");
  await expect(page.locator('[data-kind="repartition"]')).toHaveCount(1);
  await expect(node(page, join)).not.toHaveAttribute("data-severity", "error");

  await page.getByTestId("tab-deploy").click();
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deployment-status")).toHaveAttribute("data-status", "running");
  await screenshot(page, "b-copartitioning-deployed");
});
