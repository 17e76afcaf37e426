import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cell, cleanupBuilt, registerName, releaseTo, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

test("release to edge and beta, refused stable for devmode and devel, promote and close", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-rel");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "strict"));
  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await buildKind(name, "devmode", { version: "1.1" }));
  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await buildKind(name, "devel", { version: "1.2" }));

  await page.goto(`/dashboard/snaps/${name}/releases`);
  await expect(page.getByRole("heading", { name: "Track latest" })).toBeVisible();

  // Strict revision 1 to beta: edge follows it (↑), candidate and stable have nothing.
  await releaseTo(page, name, 1, ["beta"]);
  await expect(page.getByRole("status").filter({ hasText: "Released revision 1 to latest/beta." })).toBeVisible();
  await expect(cell(page, "latest/beta")).toHaveText("1");
  await expect(cell(page, "latest/edge")).toHaveText("↑");
  await expect(cell(page, "latest/candidate")).toHaveText("-");
  await expect(cell(page, "latest/stable")).toHaveText("-");

  // Devmode revision 2 to edge is fine; stable is not offered, with the rule (the server's own
  // refusal is covered by e2e/api/publisher-releases.spec.ts).
  await releaseTo(page, name, 2, ["edge"]);
  await expect(page.getByRole("status").filter({ hasText: "Released revision 2 to latest/edge." })).toBeVisible();
  await expect(cell(page, "latest/edge")).toHaveText("2");
  const releaseForm = page.getByRole("form", { name: "Release a revision" });
  await expect(releaseForm.getByRole("checkbox", { name: "stable", exact: true })).toBeDisabled();
  await expect(releaseForm.getByTestId("not-offered")).toContainText("stable: revision 2 has devmode confinement: it can only be released to beta or edge");
  await expect(cell(page, "latest/stable")).toHaveText("-");

  // Devel revision 3: candidate is not offered either; edge works.
  await releaseForm.getByLabel("Revision").selectOption("3");
  await expect(releaseForm.getByRole("checkbox", { name: "candidate", exact: true })).toBeDisabled();
  await expect(releaseForm.getByTestId("not-offered")).toContainText("candidate: revision 3 has devel grade");
  await releaseTo(page, name, 3, ["edge"]);
  await expect(cell(page, "latest/edge")).toHaveText("3");

  // Promote beta (revision 1) to stable: candidate now follows stable.
  await page.locator('tr[data-channel="latest/beta"]').getByRole("button", { name: "Promote beta → stable" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Promoted latest/beta to latest/stable." })).toBeVisible();
  await expect(cell(page, "latest/stable")).toHaveText("1");
  await expect(cell(page, "latest/candidate")).toHaveText("↑");

  // Close beta: it follows candidate -> stable.
  await page.locator('tr[data-channel="latest/beta"]').getByRole("button", { name: "Close latest/beta" }).click();
  await page.getByRole("alertdialog", { name: "Close latest/beta?" }).getByRole("button", { name: "Close latest/beta" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Closed latest/beta." })).toBeVisible();
  await expect(cell(page, "latest/beta")).toHaveText("↑");

  // A custom track/branch through the "other channels" input.
  const form = page.getByRole("form", { name: "Release a revision" });
  await form.getByLabel("Revision").selectOption("1");
  for (const r of ["stable", "candidate", "beta", "edge"]) await form.getByRole("checkbox", { name: r, exact: true }).setChecked(false);
  await form.getByLabel("Other channels (optional)").fill("latest/edge/fix-1");
  await form.getByRole("button", { name: "Release" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Released revision 1 to latest/edge/fix-1." })).toBeVisible();
  await expect(page.locator('td[data-cell="latest/edge/fix-1"][data-arch="amd64"]')).toContainText("1");

  // An invalid channel is explained before anything is sent.
  await form.getByLabel("Other channels (optional)").fill("a/b/c/d");
  await form.getByRole("button", { name: "Release" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "has too many parts" })).toBeVisible();

  // History lists the releases, the promotion and the close.
  const history = page.getByRole("region", { name: "Release history" });
  await expect(history.getByRole("row").filter({ hasText: "promote" }).first()).toContainText("latest/stable");
  await expect(history.getByRole("row").filter({ hasText: "close" }).first()).toContainText("latest/beta");

  // The revisions table shows where each revision is.
  await page.goto(`/dashboard/snaps/${name}/revisions`);
  await expect(page.locator('tr[data-revision="1"]')).toContainText("latest/stable");
  await expect(page.locator('tr[data-revision="3"]')).toContainText("latest/edge");

  // On a phone the tables scroll inside their own region instead of widening the page.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const sub of ["revisions", "releases"]) {
    await page.goto(`/dashboard/snaps/${name}/${sub}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), sub).toBe(true);
  }
});

test("a revision waiting for review cannot be released, and says why", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-relwait");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "classic"));
  await page.goto(`/dashboard/snaps/${name}/releases`);
  const form = page.getByRole("form", { name: "Release a revision" });
  await form.getByLabel("Revision").selectOption("1");
  await expect(form.getByTestId("not-releasable")).toContainText("revision 1 uses classic confinement, which this snap is not granted");
  await expect(form.getByRole("button", { name: "Release" })).toBeDisabled();
});
