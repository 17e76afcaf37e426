// Shared steps of the publisher dashboard specs (not a spec itself): register a name, build a real
// .snap for it with mksquashfs, upload it through the dashboard and wait for the result.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { buildSnap, type TreeFile } from "../../lib/snap/squashfs/testing";
import { expect } from "../support/fixtures";

const cleanups: (() => Promise<void>)[] = [];

/** Removes every temp file built by this worker (call from test.afterAll). */
export async function cleanupBuilt(): Promise<void> {
  await Promise.all(cleanups.splice(0).map((c) => c().catch(() => {})));
}

const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

export type SnapKind = "strict" | "classic" | "devmode" | "devel" | "camera" | "snapd-control" | "bad-metadata";

/** snap.yaml for each kind of upload the store treats differently. */
export function snapYaml(name: string, kind: SnapKind, version = "1.0"): string {
  const head = `name: ${name}\nversion: '${version}'\nsummary: E2E ${kind} snap\ndescription: Built by the dashboard e2e tests.\nbase: core22\narchitectures: [amd64]\n`;
  const app = (plugs: string[]) => `apps:\n  ${name}:\n    command: bin/hello\n${plugs.length ? `    plugs: [${plugs.join(", ")}]\n` : ""}`;
  switch (kind) {
    case "strict":
      return `${head}confinement: strict\ngrade: stable\n${app(["network"])}`;
    case "classic":
      return `${head}confinement: classic\ngrade: stable\n${app([])}`;
    case "devmode":
      return `${head}confinement: devmode\ngrade: stable\n${app(["network"])}`;
    case "devel":
      return `${head}confinement: strict\ngrade: devel\n${app(["network"])}`;
    case "camera":
      return `${head}confinement: strict\ngrade: stable\n${app(["network", "camera"])}`;
    case "snapd-control":
      return `${head}confinement: strict\ngrade: stable\n${app(["snapd-control"])}`;
    case "bad-metadata":
      return `name: ${name}\nversion: '-1.0!'\nsummary: E2E bad metadata\nconfinement: sometimes\ngrade: stable\n${app([])}`;
  }
}

/** A real .snap (snapd's mksquashfs flags) for `name`; removed by cleanupBuilt(). */
export async function buildKind(name: string, kind: SnapKind, opts: { version?: string; files?: Record<string, TreeFile> } = {}): Promise<string> {
  const built = await buildSnap({
    snapYaml: snapYaml(name, kind, opts.version),
    files: { "bin/hello": { mode: 0o755, data: "#!/bin/sh\necho hello\n" }, "meta/gui/icon.png": PNG_1x1, ...opts.files },
  });
  cleanups.push(built.cleanup);
  return built.path;
}

/** A file that is not a squashfs image at all: the committed fixture, else random bytes. */
export async function notASnap(): Promise<string> {
  const fixture = join(process.cwd(), "test/fixtures/snaps/not-squashfs.snap");
  if (existsSync(fixture)) return fixture;
  const dir = await mkdtemp(join(tmpdir(), "snapstore-e2e-"));
  const path = join(dir, "not-squashfs.snap");
  await writeFile(path, Buffer.concat([Buffer.from("this is not a squashfs image\n"), randomBytes(20_000)]));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return path;
}

/** Registers `name` through the My snaps form. */
export async function registerName(page: Page, name: string): Promise<void> {
  await page.goto("/dashboard");
  await page.getByLabel("Snap name").fill(name);
  await page.getByRole("button", { name: "Register name" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Registered ${name}` })).toBeVisible();
}

/** Uploads a file on the snap's Upload page and waits until the store has a result (or a refusal). */
export async function upload(page: Page, name: string, file: string): Promise<void> {
  if (!page.url().endsWith(`/dashboard/snaps/${name}/upload`)) await page.goto(`/dashboard/snaps/${name}/upload`);
  await page.getByLabel("Snap file (.snap)").setInputFiles(file);
  await expect(page.getByTestId("revision-result").or(page.getByTestId("upload-refusal"))).toBeVisible({ timeout: 30_000 });
}

/** Releases `revision` to the given risks (latest track) with the release form; returns nothing, check the alert. */
export async function releaseTo(page: Page, name: string, revision: number, risks: string[]): Promise<void> {
  if (!page.url().includes(`/dashboard/snaps/${name}/releases`)) await page.goto(`/dashboard/snaps/${name}/releases`);
  const form = page.getByRole("form", { name: "Release a revision" });
  await form.getByLabel("Revision").selectOption(String(revision));
  for (const r of ["stable", "candidate", "beta", "edge"]) await form.getByRole("checkbox", { name: r, exact: true }).setChecked(risks.includes(r));
  await form.getByRole("button", { name: "Release" }).click();
}

/** The text of a channel-map cell (track latest). */
export function cell(page: Page, channel: string, arch = "amd64") {
  return page.locator(`td[data-cell="${channel}"][data-arch="${arch}"] span.font-mono`);
}
