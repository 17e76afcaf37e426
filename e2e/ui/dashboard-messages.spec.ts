// Issue 13: messages say things in the page's words, link to the form that helps, and show
// backticked commands as code.
import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cleanupBuilt, registerName, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

test("the classic review result links to the classic request form", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-clsl");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "classic"));
  const result = page.getByTestId("revision-result");
  await expect(result.getByText("needs manual review", { exact: true })).toBeVisible();
  await result.getByRole("link", { name: `Request classic confinement for ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/snaps/${name}/requests\\?type=classic$`));
  await expect(page.getByRole("heading", { name: "Request classic confinement" })).toBeVisible();
});

test("backticked commands in messages are shown as code", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-code");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "camera"));
  const plug = page.getByTestId("revision-result").locator('[data-plug="camera"]');
  await expect(plug.locator("code").filter({ hasText: `snap connect ${name}:camera` })).toBeVisible();
  await expect(plug).not.toContainText("`");

  const admin = await asRole("admin");
  await admin.goto("/admin");
  await expect(admin.locator("code").filter({ hasText: "npm run snapstore -- user create" })).toBeVisible();
  await expect(admin.getByText("Accounts and the audit trail.")).not.toContainText("`");
});

test("automatic review requests are filed by automated review; the queue counts votes in words; My snaps is the admin's own", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-auto");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "snapd-control"));
  await page.goto(`/dashboard/snaps/${name}/requests`);
  const request = page.locator('li[data-request-type="revision"]');
  await expect(request).toContainText("Filed by automated review,");
  await expect(request).not.toContainText("by e2e-publisher");

  const reviewer = await asRole("reviewer");
  await reviewer.goto("/review");
  const item = reviewer.getByRole("listitem").filter({ hasText: name });
  await expect(item).toContainText("filed by automated review");
  await expect(item).toContainText("· no votes");
  await expect(item).not.toContainText("vote(s)");

  const admin = await asRole("admin");
  await admin.goto("/dashboard");
  await expect(admin.locator(`tr[data-snap="${name}"]`)).toHaveCount(0);
});
