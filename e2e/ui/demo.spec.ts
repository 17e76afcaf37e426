import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/server/demo-accounts";

// The README's demo accounts, signed in through the real form on the embedded default.
const AREA = { publisher: "Publisher dashboard", reviewer: "Review queue", admin: "Admin", user: "My devices" } as const;

for (const account of DEMO_ACCOUNTS) {
  test(`demo ${account.role} ${account.email} signs in and sees the ${account.role} navigation`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toContainText(`(${account.role})`);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: AREA[account.role] })).toBeVisible();
    if (account.role === "user") await expect(nav.getByRole("link", { name: "Publisher dashboard" })).toHaveCount(0);
  });
}

test("the demo catalogue lists strict and classic snaps but never the devmode one", async ({ page }) => {
  await page.goto("/search");
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: "Hello World" })).toBeVisible();
  await expect(results.getByRole("link", { name: "Code Forge" })).toBeVisible();
  await expect(results.getByText("Packet Lab")).toHaveCount(0);
});
