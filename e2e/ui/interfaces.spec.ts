// The supported-interfaces page: every interface the store knows, filterable, from the same data as
// GET /api/v1/interfaces (and so the same base declaration the review and devices use).
import { expect, test } from "@playwright/test";

test("the supported interfaces page lists, filters and agrees with the JSON API", async ({ page, request }) => {
  const api = (await (await request.get("/api/v1/interfaces")).json()) as { name: string; "super-privileged": boolean }[];
  expect(api.length).toBeGreaterThan(100);

  await page.goto("/");
  await page.getByRole("link", { name: "Supported interfaces" }).click();
  await expect(page).toHaveTitle(/Supported interfaces/);
  await expect(page.getByTestId("interface-count")).toHaveText(`${api.length} of ${api.length} interfaces`);

  await page.getByLabel("Name or summary").fill("camera");
  await page.getByRole("button", { name: "Filter" }).click();
  const camera = page.locator('tr[data-interface="camera"]');
  await expect(camera).toBeVisible();
  await expect(camera.locator("td").nth(2)).toHaveText("no");
  await expect(camera.locator("td").nth(4)).toHaveText("no");

  await page.goto("/interfaces?super=yes");
  const superPrivileged = api.filter((i) => i["super-privileged"]).length;
  await expect(page.getByTestId("interface-count")).toHaveText(`${superPrivileged} of ${api.length} interfaces`);
  await expect(page.locator('tr[data-interface="snapd-control"]')).toBeVisible();
  await expect(page.locator('tr[data-interface="network"]')).toHaveCount(0);

  await page.goto("/interfaces?q=no-such-interface-word");
  await expect(page.getByText("No interface matches these filters.")).toBeVisible();
});
