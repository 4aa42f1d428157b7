// Journey (g), issue 10: the dynamic sink. The dynamic-routing template routes each order to
// `orders-<region>`; a test record whose region has a slash yields no valid topic name and is
// dead-lettered with the reason, while the other orders keep flowing.
import { expect, test } from "@playwright/test";
import { WORKER_URL } from "../env";
import { openTab, screenshot } from "./studio";

interface Deployment {
  id: string;
  status: string;
}

test("routes orders to a topic per region and dead-letters a record without a valid topic name", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page
    .getByTestId("template-dynamic-routing")
    .getByRole("button", { name: "Use this template" })
    .click();
  await page.waitForURL(/\/topologies\//);
  const topologyId = page.url().split("/topologies/")[1];
  await expect(page.getByTestId("validity")).toHaveText("valid");

  await page.getByTestId("tab-deploy").click();
  await page.getByTestId("deploy").click();
  await expect(page.getByTestId("deployment-status")).toHaveAttribute("data-status", "running");
  await openTab(page, "live");
  await expect(page.getByTestId("record-row").first()).toBeVisible({ timeout: 15_000 });

  await openTab(page, "test-records");
  await page.locator("#test-topic").selectOption("orders");
  await page.locator("#test-key").fill('"O-NO-REGION"');
  await page
    .locator("#test-value")
    .fill('{"customerId":"C0001","product":"dock","quantity":1,"amount":10,"region":"eu/west"}');
  await page.getByRole("button", { name: "Send record" }).click();

  const deployments: Deployment[] = await (
    await request.get(`${WORKER_URL}/deployments?topologyId=${topologyId}`)
  ).json();
  const running = deployments.find((d) => d.status === "running");
  expect(running).toBeDefined();
  await expect(async () => {
    const letters = await (
      await request.get(`${WORKER_URL}/deployments/${running!.id}/dead-letters`)
    ).json();
    const ours = letters.find((l: { key: unknown }) => l.key === "O-NO-REGION");
    expect(ours?.headers?.["riffle.dlq.error"]).toMatch(
      /"orders-eu\/west" is not a valid topic name/,
    );
    expect(ours?.headers?.["riffle.dlq.topic"]).toBe("orders");
  }).toPass({ timeout: 15_000 });

  // The rest of the stream is undisturbed: routed records keep arriving in their topics.
  const regional: { name: string }[] = await (await request.get(`${WORKER_URL}/topics`)).json();
  expect(regional.map((t) => t.name)).toEqual(expect.arrayContaining(["orders-eu-west"]));
  await expect(page.getByTestId("deployment-status")).toHaveAttribute("data-status", "running");
  await screenshot(page, "g-dynamic-sink");
});
