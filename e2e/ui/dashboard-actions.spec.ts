// Issue 13: the releases panel offers only what the release rules allow (and says why the rest is
// not offered); closing a channel and withdrawing a revision ask first and say what users get.
import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cell, cleanupBuilt, registerName, releaseTo, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

test("promote and release offer only what the rules allow, and say why", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-rules");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "strict"));
  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await buildKind(name, "devmode", { version: "1.1" }));

  await releaseTo(page, name, 1, ["edge", "beta"]);
  await expect(page.getByRole("status").filter({ hasText: "Released revision 1" })).toBeVisible();
  await expect(cell(page, "latest/beta")).toHaveText("1");

  // Edge and beta both hold revision 1: "Promote edge → beta" can only fail, so it is not offered.
  const edge = page.locator('tr[data-channel="latest/edge"]');
  await expect(edge.getByRole("button", { name: "Promote edge → stable" })).toBeVisible();
  await expect(edge.getByRole("button", { name: "Promote edge → beta" })).toHaveCount(0);
  await expect(edge.getByTestId("not-offered")).toContainText("→ beta: latest/beta already holds revision 1");

  // Devmode revision 2 on edge: no promotion to candidate or stable, with the rule.
  await releaseTo(page, name, 2, ["edge"]);
  await expect(cell(page, "latest/edge")).toHaveText("2");
  await expect(edge.getByRole("button", { name: "Promote edge → beta" })).toBeVisible();
  await expect(edge.getByRole("button", { name: "Promote edge → stable" })).toHaveCount(0);
  await expect(edge.getByRole("button", { name: "Promote edge → candidate" })).toHaveCount(0);
  await expect(edge.getByTestId("not-offered")).toContainText("→ stable: revision 2 has devmode confinement: it can only be released to beta or edge");

  // The release form: under the devmode hint the stable and candidate boxes are disabled, with why.
  const form = page.getByRole("form", { name: "Release a revision" });
  await form.getByLabel("Revision").selectOption("2");
  await expect(form.getByRole("checkbox", { name: "stable", exact: true })).toBeDisabled();
  await expect(form.getByRole("checkbox", { name: "candidate", exact: true })).toBeDisabled();
  await expect(form.getByRole("checkbox", { name: "beta", exact: true })).toBeEnabled();
  // edge already holds revision 2
  await expect(form.getByRole("checkbox", { name: "edge", exact: true })).toBeDisabled();
  await expect(form.getByTestId("not-offered")).toContainText("stable: revision 2 has devmode confinement");
  await expect(form.getByTestId("not-offered")).toContainText("edge: latest/edge already holds revision 2");
  // A typed channel is checked with the same rule before anything is sent.
  await form.getByLabel("Other channels (optional)").fill("latest/stable");
  await form.getByRole("button", { name: "Release" }).click();
  await expect(form.getByRole("alert")).toHaveText("revision 2 has devmode confinement: it can only be released to beta or edge, not latest/stable");
  await expect(cell(page, "latest/stable")).toHaveText("-");
});

test("closing a channel asks first and says what its users get instead", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-close");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "strict"));
  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await buildKind(name, "strict", { version: "1.1" }));
  await releaseTo(page, name, 1, ["stable"]);
  await expect(cell(page, "latest/stable")).toHaveText("1");
  await releaseTo(page, name, 2, ["beta"]);
  await expect(cell(page, "latest/beta")).toHaveText("2");

  // Closing beta: nothing happens until confirmed; the question says stable's revision 1 takes over.
  await page.locator('tr[data-channel="latest/beta"]').getByRole("button", { name: "Close latest/beta" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Close latest/beta?" });
  await expect(dialog).toContainText("Devices on latest/beta will get revision 1 (from latest/stable) instead.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cell(page, "latest/beta")).toHaveText("2");

  await page.locator('tr[data-channel="latest/beta"]').getByRole("button", { name: "Close latest/beta" }).click();
  await page.getByRole("alertdialog", { name: "Close latest/beta?" }).getByRole("button", { name: "Close latest/beta" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Closed latest/beta." })).toBeVisible();
  await expect(cell(page, "latest/beta")).toHaveText("↑");

  // Closing stable leaves nothing to follow: the question says so.
  await page.locator('tr[data-channel="latest/stable"]').getByRole("button", { name: "Close latest/stable" }).click();
  await expect(page.getByRole("alertdialog", { name: "Close latest/stable?" })).toContainText(
    "Devices on latest/stable will get nothing: no more stable channel of track latest holds a revision",
  );
});

test("withdrawing a revision asks first", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-wdr");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "snapd-control"));
  await page.goto(`/dashboard/snaps/${name}/revisions/1`);
  await page.getByRole("button", { name: "Withdraw revision 1" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Withdraw revision 1?" });
  await expect(dialog).toContainText("It was never released, so users on every channel keep what they have");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Needs manual review").first()).toBeVisible();
  await page.getByRole("button", { name: "Withdraw revision 1" }).click();
  await page.getByRole("alertdialog", { name: "Withdraw revision 1?" }).getByRole("button", { name: "Withdraw revision 1" }).click();
  await expect(page.getByText("Withdrawn").first()).toBeVisible();
});
