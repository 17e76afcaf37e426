import { expect, test, uniqueName } from "../support/fixtures";

test("an admin reserves a name on the admin page, then removes it", async ({ asRole }) => {
  const page = await asRole("admin");
  const name = uniqueName("e2e-ui-mark").toLowerCase();
  await page.goto("/admin");
  await page.getByLabel("Name to reserve").fill("Bad_Name");
  await page.getByLabel("Reason").fill("trademark");
  await page.getByRole("button", { name: "Reserve", exact: true }).click();
  await expect(page.locator("#reserve-name-error")).toContainText("is not a valid snap name");

  await page.getByLabel("Name to reserve").fill(name);
  await page.getByRole("button", { name: "Reserve", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reserved “${name}”` })).toBeVisible();
  const list = page.getByRole("list", { name: "Reserved names" });
  await expect(list.getByText(name, { exact: true })).toBeVisible();
  // The audit log (a table since it is paginated): filtered to this action so other tests' entries cannot push it off page 1.
  await page.goto("/admin?action=name.reserve");
  await expect(page.locator('tr[data-audit-action="name.reserve"]').filter({ hasText: `reserved-name:${name}` })).toBeVisible();

  await page.getByRole("button", { name: `Remove the reservation of ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${name}” is no longer reserved.` })).toBeVisible();
  await expect(list.getByText(name, { exact: true })).toHaveCount(0);
});
