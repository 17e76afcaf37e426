// Issue 13: the admin's audit log is paginated and filtered on the server.
import { expect, test, uniqueName } from "../support/fixtures";
import { registerName } from "./publisher-helpers";

test("the audit log is paginated and filtered by snap, action and actor", async ({ asRole }) => {
  const pub = await asRole("publisher");
  const name = uniqueName("e2e-audit");
  await registerName(pub, name);

  const page = await asRole("admin");
  await page.goto("/admin");
  const rows = page.getByRole("region", { name: "Audit log entries" }).locator("tbody tr");
  expect(await rows.count()).toBeLessThanOrEqual(25);
  await expect(page.getByTestId("audit-summary")).toContainText(/page 1 of \d+/);

  const filter = page.getByRole("form", { name: "Filter the audit log" });
  await filter.getByLabel("Snap name").fill(name);
  await filter.getByLabel("Action (or prefix, e.g. snap.)").fill("snap.");
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`snap=${name}`));
  await expect(page.getByTestId("audit-summary")).toHaveText("1 entry; page 1 of 1.");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("snap.register");
  await expect(rows.first()).toContainText("e2e-publisher@example.com");

  await filter.getByLabel("Actor (email)").fill("e2e-admin@");
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-summary")).toHaveText("No entries match.");
});
