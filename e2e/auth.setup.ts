import { expect, test as setup } from "@playwright/test";
import { ROLE_ACCOUNTS, storageStatePath, type RoleName } from "./support/roles";

// One sign-in per role through the real form; the saved cookies are reused by every spec.
for (const role of Object.keys(ROLE_ACCOUNTS) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const account = ROLE_ACCOUNTS[role];
    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toContainText(`(${account.role})`);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
