import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cleanupBuilt, registerName, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

test("a classic confinement request is validated, filed and listed as pending; the publisher replies", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-req");
  await registerName(page, name);
  await page.goto(`/dashboard/snaps/${name}/requests`);
  await expect(page.getByText("No requests yet.")).toBeVisible();

  const form = page.getByRole("form", { name: "Request classic confinement" });
  await form.getByRole("button", { name: "Request classic confinement" }).click();
  await expect(page.locator("#classic-category-error")).toContainText("Classic requests need a supported category");
  await expect(page.locator("#classic-reasoning-error")).toContainText("at least 20 characters");
  await expect(page.locator("#classic-acks-error")).toHaveText("Confirm every statement.");

  await form.getByLabel("Supported category").selectOption("compilers");
  await form
    .getByLabel("Why does this snap need classic confinement?")
    .fill("A compiler toolchain that must run the host's linker and read headers anywhere on the system.");
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name: "Request classic confinement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your classic request was filed and is pending" })).toBeVisible();

  const item = page.locator('li[data-request-type="classic"]');
  await expect(item.getByRole("heading", { name: "Classic confinement" })).toBeVisible();
  await expect(item.getByText("Pending")).toBeVisible();
  await expect(item.getByText("Compilers")).toBeVisible();
  await expect(item).toContainText("Votes: 0 for, 0 against, 0 abstaining");

  // A second classic request is refused while one is pending.
  await form.getByLabel("Supported category").selectOption("compilers");
  await form.getByLabel("Why does this snap need classic confinement?").fill("Asking again with the very same reasoning text here.");
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name: "Request classic confinement" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is already pending; comment on it instead" })).toBeVisible();

  // Reply to reviewers.
  await item.getByLabel("Reply to reviewers").fill("More context: it is **gcc** packaged for older releases.");
  await item.getByRole("button", { name: "Post reply" }).click();
  await expect(item.locator(".prose-snap strong")).toHaveText("gcc");

  // The overview and My snaps show the pending request.
  await page.goto(`/dashboard/snaps/${name}`);
  await expect(page.getByRole("link", { name: "classic" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.locator(`tr[data-snap="${name}"]`)).toContainText("1 pending request");
});

test("an interface request for a plug of the snap, from the upload result", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-ireq");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "camera"));
  await page.getByTestId("revision-result").getByRole("link", { name: "Request auto-connection for camera" }).click();
  const form = page.getByRole("form", { name: "Request an interface" });
  await form.getByLabel("Reasoning").fill("A video-call app: the camera is its main feature and users expect it to work.");
  await form.getByRole("button", { name: "File request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your auto-connection request was filed and is pending" })).toBeVisible();
  const item = page.locator('li[data-request-type="auto-connection"]');
  await expect(item.getByRole("heading", { name: "Interface auto-connection: camera" })).toBeVisible();

  // The revision page now links to the pending request instead of offering a new one.
  await page.goto(`/dashboard/snaps/${name}/revisions/1`);
  await expect(page.locator('[data-plug="camera"]').getByRole("link", { name: "auto-connection request pending" })).toBeVisible();
});
