import { expect, test, uniqueName } from "../support/fixtures";

// /admin/accounts: an admin finds a fresh account, disables it (a reason is required), which ends
// its session, and enables it again; both are audited. Publishers and reviewers get 403 from the
// page and "forbidden" from the server action itself (replayed with their cookies).
test("an admin disables an account with a reason, then enables it; other roles are refused", async ({ asRole, browser }) => {
  const username = uniqueName("acct");
  const email = `${username}@example.com`;
  const victimCtx = await browser.newContext();
  const victim = await victimCtx.newPage();
  await victim.goto("/signup");
  await victim.getByLabel("Name").fill("Soon Disabled");
  await victim.getByLabel("Email").fill(email);
  await victim.getByLabel("Password").fill("long-enough-password");
  await victim.getByRole("button", { name: "Create account" }).click();
  await expect(victim.getByTestId("current-user")).toContainText("(user)");

  const admin = await asRole("admin");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: /Search, disable or enable accounts/ }).click();
  await admin.getByLabel("Email or username contains").fill(username.toUpperCase());
  await admin.getByRole("button", { name: "Search", exact: true }).click();
  await expect(admin.getByTestId("accounts-summary")).toHaveText("1 account; page 1 of 1.");
  const row = admin.locator(`tr[data-account="${email}"]`);

  // Without a reason: refused, nothing changes.
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row.getByRole("alert")).toHaveText("Give the reason for disabling the account.");
  // Capture the action call to replay it as other roles below.
  const call = admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await row.getByLabel(`Reason for disabling ${email}`).fill("spam uploads");
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row).toContainText("Disabled since");
  await expect(row).toContainText("spam uploads");
  const action = await call;

  // The disabled account's session has ended.
  await victim.reload();
  await expect(victim.getByTestId("current-user")).toHaveCount(0);

  await admin.goto("/admin?action=user.disable");
  await expect(admin.locator('tr[data-audit-action="user.disable"]').first()).toBeVisible();

  await admin.goto(`/admin/accounts?q=${username}`);
  await row.getByRole("button", { name: `Enable ${email}` }).click();
  await expect(row.getByRole("button", { name: `Disable ${email}` })).toBeVisible();
  await admin.goto("/admin?action=user.enable");
  await expect(admin.locator('tr[data-audit-action="user.enable"]').first()).toBeVisible();

  for (const role of ["publisher", "reviewer"] as const) {
    const page = await asRole(role);
    const res = await page.goto("/admin/accounts");
    expect(res?.status()).toBe(403);
    // The same server action call, with this role's cookies: refused by the action's own role check.
    const replay = await page.request.post(action.url(), {
      headers: { ...action.headers(), cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
      data: action.postData() ?? "",
    });
    expect(await replay.text()).toContain('"code":"forbidden"');
  }
  await admin.goto(`/admin/accounts?q=${username}`);
  await expect(row.getByRole("button", { name: `Disable ${email}` })).toBeVisible();
  await victimCtx.close();
});
