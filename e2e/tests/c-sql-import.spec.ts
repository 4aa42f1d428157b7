// Journey (c): paste a CSAS statement into the SQL tab, see the canvas built from it, export it
// as TypeScript and Java. An invalid statement first: a positioned message, canvas untouched.
import { expect, type Page, test } from "@playwright/test";
import { createTopology, download, openTab, screenshot } from "./studio";

const SQL = `CREATE STREAM orders (orderId STRING KEY, customerId STRING, amount DOUBLE, region STRING)
  WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=6);
CREATE STREAM big_orders AS
  SELECT orderId, customerId, amount * 1.2 AS gross FROM orders WHERE amount > 100 EMIT CHANGES;`;

async function pasteSql(page: Page, text: string) {
  const editor = page.getByTestId("sql-editor").locator(".monaco-editor").first();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("ControlOrMeta+V");
}

test("import a CSAS statement and export it as TypeScript and Java", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await createTopology(page, "From SQL");
  await openTab(page, "sql");

  await pasteSql(page, "CREATE STREAM broken AS SELEC * FROM nowhere;");
  await page.getByTestId("sql-import").click();
  await expect(page.getByTestId("sql-error")).toContainText("line 1, column 25");
  await expect(page.locator(".react-flow__node")).toHaveCount(0);

  await pasteSql(page, SQL);
  await page.getByTestId("sql-import").click();
  await expect(page.getByTestId("sql-error")).toHaveCount(0);
  await expect(page.locator('[data-kind="stream-source"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="filter"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="sink"]')).toHaveCount(1);
  await expect(page.getByTestId("validity")).toHaveText("valid");

  await openTab(page, "code");
  await page.getByTestId("code-lang-ts").click();
  await expect(page.getByTestId("code-ts")).toContainText("new StreamsBuilder()");
  const ts = await download(page);
  expect(ts.name).toMatch(/\.ts$/);
  expect(ts.text).toContain(".filter(");
  expect(ts.text).toContain("AMOUNT");

  await page.getByTestId("code-lang-java").click();
  await expect(page.getByTestId("code-java")).toContainText("Kafka Streams application");
  const java = await download(page);
  expect(java.name).toMatch(/\.java$/);
  expect(java.text).toContain("new StreamsBuilder()");
  expect(java.text).toContain(".filter(");
  await screenshot(page, "c-sql-import");
});
