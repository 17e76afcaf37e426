import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cleanupBuilt, registerName, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

test("a snapd-control revision waiting for review blocks the next upload until it is withdrawn", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-block");
  await registerName(page, name);

  await upload(page, name, await buildKind(name, "snapd-control"));
  const result = page.getByTestId("revision-result");
  await expect(result.getByText("needs manual review", { exact: true })).toBeVisible();
  await expect(result).toContainText("super-privileged interface 'snapd-control'");
  const plug = result.locator('[data-plug="snapd-control"]');
  await expect(plug.getByText("installation needs a grant")).toBeVisible();
  await expect(plug.getByRole("link", { name: "Request installation for snapd-control" })).toBeVisible();

  // The next upload is refused with the store's message and a withdraw button.
  await page.getByRole("button", { name: "Upload another revision" }).click();
  const strict = await buildKind(name, "strict", { version: "2.0" });
  await upload(page, name, strict);
  const refusal = page.getByTestId("upload-refusal");
  await expect(refusal).toContainText("Upload refused: a revision is waiting for manual review");
  await expect(refusal).toContainText(`Revision 1 of "${name}" is waiting for manual review`);
  await expect(refusal).toContainText("New uploads are refused until a reviewer decides; to upload now, withdraw it first with the button below.");
  await expect(refusal).not.toContainText("/api/v1/");
  await refusal.getByRole("button", { name: "Withdraw revision 1" }).click();
  await refusal.getByRole("alertdialog", { name: "Withdraw revision 1?" }).getByRole("button", { name: "Withdraw revision 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Revision 1 was withdrawn" })).toBeVisible();

  // Retry works.
  await upload(page, name, strict);
  const ok = page.getByTestId("revision-result");
  await expect(ok.getByText("is ready to release")).toBeVisible();
  await expect(ok.locator('[data-fact="revision"]')).toHaveText("2");

  await page.goto(`/dashboard/snaps/${name}/revisions`);
  await expect(page.locator('tr[data-revision="1"]')).toContainText("Withdrawn");
  await expect(page.locator('tr[data-revision="2"]')).toContainText("Ready to release");
});
