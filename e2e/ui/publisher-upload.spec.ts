import { randomBytes } from "node:crypto";
import { expect, test, uniqueName } from "../support/fixtures";
import { buildKind, cleanupBuilt, notASnap, registerName, upload } from "./publisher-helpers";

test.afterAll(cleanupBuilt);

test("a strict upload shows real byte progress, then processing, then ready to release", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-strict");
  await registerName(page, name);
  // ~1.5 MiB of incompressible data, sent through a throttled connection so the progress is visible.
  const file = await buildKind(name, "strict", { files: { "data.bin": randomBytes(1_500_000) } });
  await page.goto(`/dashboard/snaps/${name}/upload`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 5, downloadThroughput: -1, uploadThroughput: 400 * 1024 });

  await page.getByLabel("Snap file (.snap)").setInputFiles(file);
  const bar = page.getByRole("progressbar");
  await expect(bar).toBeVisible();
  await expect(page.getByText(/Uploading .*: .* of 1\.\d MiB/)).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 20_000 }).toBeGreaterThan(0);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const result = page.getByTestId("revision-result");
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Upload progress" }).getByText("✓ Being processed")).toBeVisible();
  await expect(result.getByText("is ready to release")).toBeVisible();
  await expect(result.locator('[data-fact="revision"]')).toHaveText("1");
  await expect(result.locator('[data-fact="version"]')).toHaveText("1.0");
  await expect(result.locator('[data-fact="confinement"]')).toHaveText("strict");
  await expect(result.locator('[data-fact="grade"]')).toHaveText("stable");
  const network = result.locator('[data-plug="network"]');
  await expect(network.getByText("auto-connects")).toBeVisible();
  // The automated review report: sections with info entries.
  await expect(result.getByRole("heading", { name: "Automated review" })).toBeVisible();
  await expect(result.getByRole("row").filter({ hasText: "lint-snap-v2_squashfs_compression" })).toContainText("OK (xz)");

  // The revisions table lists it.
  await page.goto(`/dashboard/snaps/${name}/revisions`);
  const row = page.locator('tr[data-revision="1"]');
  await expect(row).toContainText("1.0");
  await expect(row).toContainText("amd64");
  await expect(row).toContainText("strict");
  await expect(row).toContainText("Ready to release");
});

test("devmode, devel and camera uploads are ready; the camera plug is explained with a request link", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-kinds");
  await registerName(page, name);

  await upload(page, name, await buildKind(name, "devmode"));
  let result = page.getByTestId("revision-result");
  await expect(result.getByText("is ready to release")).toBeVisible();
  await expect(result.locator('[data-fact="confinement"]')).toHaveText("devmode");
  await expect(result.getByRole("row").filter({ hasText: "lint-snap-v2_confinement_devmode" })).toContainText("can only be released to beta or edge");
  await expect(result.getByRole("row").filter({ hasText: "lint-snap-v2_confinement_devmode" })).toContainText("Warning");

  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await buildKind(name, "devel", { version: "1.1" }));
  result = page.getByTestId("revision-result");
  await expect(result.locator('[data-fact="revision"]')).toHaveText("2");
  await expect(result.locator('[data-fact="grade"]')).toHaveText("devel");
  await expect(result.getByText("is ready to release")).toBeVisible();

  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await buildKind(name, "camera", { version: "1.2" }));
  result = page.getByTestId("revision-result");
  await expect(result.locator('[data-fact="revision"]')).toHaveText("3");
  await expect(result.getByText("is ready to release")).toBeVisible();
  const camera = result.locator('[data-plug="camera"]');
  await expect(camera.getByText("not auto-connected", { exact: true })).toBeVisible();
  await expect(camera).toContainText(`snap connect ${name}:camera`);
  await camera.getByRole("link", { name: "Request auto-connection for camera" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/snaps/${name}/requests\\?type=auto-connection&interface=camera&plug=camera`));
  const form = page.getByRole("form", { name: "Request an interface" });
  await expect(form.getByLabel("Plug")).toHaveValue("camera:camera");
  await expect(form.getByRole("radio", { name: /^Auto-connection/ })).toBeChecked();
});

test("bad metadata is rejected with the field errors; a file that is not a snap is refused before a revision exists", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-bad");
  await registerName(page, name);

  await upload(page, name, await buildKind(name, "bad-metadata"));
  const result = page.getByTestId("revision-result");
  await expect(result.getByText("rejected", { exact: true })).toBeVisible();
  await expect(result).toContainText('version: version "-1.0!" is invalid');
  await expect(result).toContainText('confinement: confinement "sometimes" is invalid');
  await expect(result.getByRole("row").filter({ hasText: "lint-snap-v2_version_valid" })).toContainText("Error");

  await page.getByRole("button", { name: "Upload another revision" }).click();
  await upload(page, name, await notASnap());
  // Refused as the first bytes arrive: no revision is created for garbage.
  await expect(page.getByTestId("upload-refusal")).toContainText("The upload is not a snap");
  await expect(page.getByTestId("upload-refusal")).toContainText("No revision was created");
});

test("a classic upload needs manual review and says why", async ({ asRole }) => {
  const page = await asRole("publisher");
  const name = uniqueName("e2e-classic");
  await registerName(page, name);
  await upload(page, name, await buildKind(name, "classic"));
  const result = page.getByTestId("revision-result");
  await expect(result.getByText("needs manual review", { exact: true })).toBeVisible();
  await expect(result).toContainText("confinement 'classic' not allowed: this snap has no classic grant");
  await expect(result.getByRole("row").filter({ hasText: "lint-snap-v2_confinement_classic" })).toContainText("manual review");
  // The dashboard lists it as waiting.
  await page.goto("/dashboard");
  await expect(page.locator(`tr[data-snap="${name}"]`)).toContainText("revision 1 in review");
});
