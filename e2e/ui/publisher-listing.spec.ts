import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cleanupBuilt, registerName, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test("the listing is validated, saved, previewed and rendered safely on the public page", async ({ asRole, browser }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-list");
  await registerName(page, name);
  await page.goto(`/dashboard/snaps/${name}/listing`);

  const form = page.getByRole("form", { name: "Listing" });
  await form.getByLabel("Title").fill("E2E Listing");
  await form.getByLabel("Summary").fill("x".repeat(129));
  await form
    .getByLabel("Description", { exact: true })
    .fill("Hello **bold** world.\n\n<script>window.pwned = 1</script>\n\n[bad](javascript:alert(1)) and [good](https://example.com)");
  await form.getByLabel("License").fill("MIT AND");
  await form.getByLabel("Contact").fill("not a url");
  await form.getByRole("checkbox", { name: "Development" }).check();
  await form.getByRole("checkbox", { name: "Utilities" }).check();
  await form.getByRole("button", { name: "Save listing" }).click();

  // Errors are tied to their fields.
  await expect(form.getByLabel("Summary")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#listing-summary-error")).toHaveText("The summary can be at most 128 characters.");
  await expect(form.getByLabel("Summary")).toHaveAttribute("aria-describedby", /listing-summary-error/);
  await expect(page.locator("#listing-license-error")).toContainText("Not a valid SPDX license expression");
  await expect(page.locator("#listing-contact-error")).toContainText("mailto:");

  await form.getByLabel("Summary").fill("A listing edited by the e2e tests");
  await form.getByLabel("License").fill("GPL-3.0-or-later OR MIT");
  await form.getByLabel("Contact").fill("mailto:e2e@example.com");
  await form.getByLabel("Website").fill("https://example.com/e2e");

  // Safe preview, rendered by the same renderer as the public page.
  await form.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("description-preview");
  await expect(preview.locator("strong")).toHaveText("bold");
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(preview.getByRole("link", { name: "good" })).toHaveAttribute("href", "https://example.com");
  await expect(preview.getByRole("link", { name: "bad" })).toHaveCount(0);
  await form.getByRole("button", { name: "Write" }).click();

  await form.getByRole("button", { name: "Save listing" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Listing saved" })).toBeVisible();

  // Persisted.
  await page.reload();
  await expect(form.getByLabel("Title")).toHaveValue("E2E Listing");
  await expect(form.getByLabel("License")).toHaveValue("GPL-3.0-or-later OR MIT");
  await expect(form.getByRole("checkbox", { name: "Development" })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "Utilities" })).toBeChecked();

  // Emptying a field clears it.
  await form.getByLabel("Website").fill("");
  await form.getByRole("button", { name: "Save listing" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Listing saved (website)." })).toBeVisible();
  await page.reload();
  await expect(form.getByLabel("Website")).toHaveValue("");
  await expect(form.getByLabel("Title")).toHaveValue("E2E Listing");

  // Public page, seen by an anonymous visitor: a 404 until something is released.
  const anon = await browser.newPage();
  expect((await anon.goto(`/snaps/${name}`))?.status()).toBe(404);
  await upload(page, name, await buildKind(name, "strict"));
  const released = await page.request.post(`/api/v1/snaps/${name}/releases`, { data: { revision: 1, channels: ["stable"] } });
  expect(released.status(), await released.text()).toBe(200);
  await anon.goto(`/snaps/${name}`);
  await expect(anon.getByRole("heading", { name: "E2E Listing" })).toBeVisible();
  await expect(anon.getByText("A listing edited by the e2e tests")).toBeVisible();
  await expect(anon.locator(".prose-snap strong")).toHaveText("bold");
  await expect(anon.locator("article script")).toHaveCount(0);
  await expect(anon.getByRole("link", { name: "bad" })).toHaveCount(0);
  expect(await anon.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(anon.getByText("GPL-3.0-or-later OR MIT")).toBeVisible();
  await anon.close();
});

test("icon from the snap, uploaded screenshots, served from /media", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-media");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "strict"));
  await page.goto(`/dashboard/snaps/${name}/listing`);

  await page.getByRole("button", { name: "Use the icon from revision 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Using meta/gui/icon.png from revision 1 as the icon." })).toBeVisible();
  const icon = page.getByRole("img", { name: `${name} icon` });
  await expect(icon).toBeVisible();
  const src = await icon.getAttribute("src");
  expect(src).toMatch(/^\/media\/\w+$/);
  const res = await page.request.get(src!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["cache-control"]).toContain("max-age");
  expect(Buffer.compare(await res.body(), PNG_1x1)).toBe(0);

  // A screenshot upload, and a refused one (not an image).
  await page.getByLabel("Add a screenshot (PNG or JPEG, at most 2 MiB)").setInputFiles({ name: "shot.png", mimeType: "image/png", buffer: PNG_1x1 });
  await expect(page.getByRole("img", { name: `Screenshot 1 of ${name}` })).toBeVisible();
  await page
    .getByLabel("Add a screenshot (PNG or JPEG, at most 2 MiB)")
    .setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("definitely not a png") });
  await expect(page.locator("#screenshot-file-error")).toHaveText("Screenshots must be PNG or JPEG images.");
  await page
    .getByLabel("Upload an icon (PNG or SVG, at most 256 KiB)")
    .setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(300 * 1024) });
  await expect(page.locator("#icon-file-error")).toContainText("at most 256.0 KiB");

  // The public page shows them too.
  const pub = await page.context().newPage();
  await pub.goto(`/snaps/${name}`);
  await expect(pub.getByRole("list", { name: "Screenshots" }).getByRole("img")).toHaveAttribute("src", /^\/media\/\w+$/);
  await expect(pub.locator(`img[src="${src}"]`)).toBeVisible();
  await pub.close();

  await page.getByRole("button", { name: "Remove screenshot 1" }).click();
  await expect(page.getByText("No screenshots yet.")).toBeVisible();
});
