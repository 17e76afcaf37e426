import { expect, test, uniqueName } from "../support/fixtures";

const NAV = {
  user: { visible: ["Browse", "My devices"], hidden: ["Publisher dashboard", "Review queue", "Admin"] },
  publisher: { visible: ["Browse", "My devices", "Publisher dashboard"], hidden: ["Review queue", "Admin"] },
  reviewer: { visible: ["Browse", "My devices", "Review queue"], hidden: ["Publisher dashboard", "Admin"] },
  admin: { visible: ["Browse", "My devices", "Publisher dashboard", "Review queue", "Admin"], hidden: [] },
} as const;

for (const [role, nav] of Object.entries(NAV)) {
  test(`${role} sees the ${role} navigation`, async ({ asRole }) => {
    const page = await asRole(role as keyof typeof NAV);
    await page.goto("/");
    const main = page.getByRole("navigation", { name: "Main" });
    for (const label of nav.visible) await expect(main.getByRole("link", { name: label })).toBeVisible();
    for (const label of nav.hidden) await expect(main.getByRole("link", { name: label })).toHaveCount(0);
  });
}

test("a user is refused the publisher, reviewer and admin areas with 403", async ({ asRole }) => {
  const page = await asRole("user");
  for (const path of ["/dashboard", "/review", "/admin"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
});

test("a publisher is refused the review queue, a reviewer the dashboard", async ({ asRole }) => {
  const publisher = await asRole("publisher");
  expect((await publisher.goto("/review"))?.status()).toBe(403);
  const reviewer = await asRole("reviewer");
  expect((await reviewer.goto("/dashboard"))?.status()).toBe(403);
});

test("anonymous visitors are sent to sign in, then back", async ({ page }) => {
  await page.goto("/review");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Freview/);
  await page.getByLabel("Email").fill("e2e-reviewer@example.com");
  await page.getByLabel("Password").fill("e2e-password-reviewer");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("e2e-user@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right." })).toBeVisible();
});

test("sign up as a publisher, sign out, sign back in", async ({ page }) => {
  const username = uniqueName("pub");
  const email = `${username}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("New Publisher");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByLabel("I want to publish snaps").check();
  await page.getByLabel("Publisher username").fill(username);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "My snaps" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("(publisher)");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/signup");
  await page.getByLabel("Name").fill("Again");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "An account with that email already exists." })).toBeVisible();
});

test("unknown pages get the not-found page with 404", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
