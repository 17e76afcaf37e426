import { expect, test, uniqueName } from "../support/fixtures";

test("create an API token (secret shown once), use it, and revoke it", async ({ asRole, request }) => {
  const page = await asRole("publisher");
  const label = uniqueName("ci");
  await page.goto("/dashboard/tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#token-label-error")).toHaveText("Give the token a label.");

  await page.getByLabel("Token label").fill(label);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText(`Token “${label}” created. Copy it now: it is shown only once.`)).toBeVisible();
  const secret = await page.getByTestId("new-token").inputValue();
  expect(secret.length).toBeGreaterThan(20);
  const row = page.locator(`tr[data-token="${label}"]`);
  await expect(row).toContainText("active");
  await expect(row).toContainText("never");
  await expect(row.locator("td").nth(1)).toContainText(secret.slice(0, 6));

  // The token works against the API (a request context without the session cookie).
  const ok = await request.get("/api/v1/tokens", { headers: { Authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);

  // The secret is not shown again after a reload.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: `Revoke ${label}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Revoked “${label}”.` })).toBeVisible();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  const refused = await request.get("/api/v1/tokens", { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
});
