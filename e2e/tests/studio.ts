// Page helpers for the journeys: create a topology, drop nodes from the palette, connect ports,
// edit expressions in Monaco, and save screenshots under e2e/artifacts/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

export const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");

export async function createTopology(page: Page, name: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("New topology name").fill(name);
  await page.getByRole("button", { name: "Create topology" }).click();
  await page.waitForURL(/\/topologies\//);
  await expect(page.getByTestId("topology-name")).toHaveText(name);
}

export const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

/** Drags a palette item onto the canvas at (x, y) relative to the canvas; returns the new id. */
export async function dropNode(page: Page, kind: string, x: number, y: number): Promise<string> {
  const before = await page.locator(`[data-kind="${kind}"]`).count();
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId("canvas"), {
    targetPosition: { x, y },
  });
  await expect(page.locator(`[data-kind="${kind}"]`)).toHaveCount(before + 1);
  const testId = await page.locator(`[data-kind="${kind}"]`).last().getAttribute("data-testid");
  return testId!.replace(/^node-/, "");
}

function handle(page: Page, nodeId: string, type: "source" | "target", port: string): Locator {
  return page.locator(
    `.react-flow__handle.${type}[data-nodeid="${nodeId}"][data-handleid="${port}"]`,
  );
}

/** Drags from an output port to an input port. */
export async function connect(
  page: Page,
  from: string,
  to: string,
  ports: { out?: string; in?: string } = {},
): Promise<void> {
  const source = handle(page, from, "source", ports.out ?? "out");
  const target = handle(page, to, "target", ports.in ?? "in");
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

export async function select(page: Page, id: string): Promise<void> {
  await node(page, id).locator(".rnode-title").click();
  await expect(page.getByTestId("inspector")).toContainText(`(${id})`);
}

/** Types into the inspector's Monaco expression field named `field`. */
export async function typeExpression(page: Page, field: string, text: string): Promise<void> {
  const editor = page.getByTestId(`expr-${field}`).locator(".monaco-editor").first();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

export async function openTab(page: Page, id: string): Promise<void> {
  await page.getByTestId(`tab-${id}`).click();
}

/** Saves `e2e/artifacts/<name>.png`; with E2E_README_IMAGES=1 also `docs/images/<readme>.png`. */
export async function screenshot(page: Page, name: string, readme?: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  if (readme && process.env.E2E_README_IMAGES === "1")
    await page.screenshot({
      path: join(import.meta.dirname, "../../docs/images", `${readme}.png`),
    });
}

/** Clicks the code tab's Download and returns the file's name and text. */
export async function download(page: Page): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("code-download").click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
}
