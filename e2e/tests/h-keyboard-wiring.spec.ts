// Journey (h): a topology wired without a mouse. Nodes come from the palette with Enter, the
// inspector's connection lists connect and disconnect ports, and only connections the canvas
// accepts are offered.
import { expect, type Page, test } from "@playwright/test";
import { createTopology, typeExpression } from "./studio";

/** Adds a node by focusing its palette button and pressing Enter; returns the new node's id. */
async function addFromKeyboard(page: Page, kind: string): Promise<string> {
  const before = await page.locator(`[data-kind="${kind}"]`).count();
  await page.getByTestId(`palette-${kind}`).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(`[data-kind="${kind}"]`)).toHaveCount(before + 1);
  const testId = await page.locator(`[data-kind="${kind}"]`).last().getAttribute("data-testid");
  const id = testId!.replace(/^node-/, "");
  await expect(page.getByTestId("inspector")).toContainText(`(${id})`);
  return id;
}

/** Chooses `label` in input `port`'s list of outputs and presses Connect, all by keyboard. */
async function connectFrom(page: Page, port: string, label: RegExp): Promise<void> {
  const edges = await page.locator(".react-flow__edge").count();
  const select = page.getByLabel(`Output to connect to '${port}'`);
  const options = await select.locator("option").allTextContents();
  const index = options.findIndex((o) => label.test(o));
  expect(index, `an option matching ${label} in ${options.join(" | ")}`).toBeGreaterThan(0);
  await select.focus();
  for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
  // Arrowing through the list connects nothing; only the button does.
  await expect(page.locator(".react-flow__edge")).toHaveCount(edges);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Connect", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".react-flow__edge")).toHaveCount(edges + 1);
}

test("wire a topology from the keyboard through the inspector's connections", async ({ page }) => {
  await createTopology(page, "Keyboard wiring");
  const source = await addFromKeyboard(page, "stream-source");
  await page.getByLabel("Read a sample topic").selectOption("orders");

  const filter = await addFromKeyboard(page, "filter");
  await typeExpression(page, "predicate", "amount > 100");
  await connectFrom(page, "in", new RegExp(`\\(${source}\\)`));
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  const sink = await addFromKeyboard(page, "sink");
  await page.locator(`#${sink}-config-topic`).fill("large-orders");
  // The filter's own input is taken and a sink has no output: only outputs that may feed the
  // sink are offered, and the source (already feeding the filter) still may.
  const offered = await page
    .getByLabel("Output to connect to 'in'")
    .locator("option")
    .allTextContents();
  expect(offered.some((o) => o.includes(`(${sink})`))).toBe(false);
  await connectFrom(page, "in", new RegExp(`\\(${filter}\\)`));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(page.getByTestId("validity")).toHaveText("valid");

  // Disconnecting by keyboard leaves the sink's input unconnected: validation says so.
  await page.getByRole("button", { name: new RegExp(`Disconnect .*\\(${filter}\\)`) }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expect(page.getByTestId("validity")).not.toHaveText("valid");
  await expect(page.getByTestId("connections-in").locator("li")).toHaveCount(0);
  // ... and the filter is offered again.
  await connectFrom(page, "in", new RegExp(`\\(${filter}\\)`));
  await expect(page.getByTestId("validity")).toHaveText("valid");
});
