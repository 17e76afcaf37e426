// Helpers for the publisher API specs: per-role tokens (through POST /api/v1/tokens itself),
// unique names, and real .snap files built on the fly with mksquashfs for those names.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ROLE_ACCOUNTS, type RoleName } from "../support/roles";
import { uniqueName } from "../support/fixtures";
import { buildSnap, mksquashfs, SNAPD_PACK_ARGS } from "../../lib/snap/squashfs/testing";

const run = promisify(execFile);
export const FIXTURES = path.resolve(__dirname, "../../test/fixtures/snaps");

const tokens = new Map<RoleName, Promise<string>>();

/** A fresh API token for the role's account (cached per worker). */
export function tokenFor(request: APIRequestContext, role: RoleName): Promise<string> {
  let t = tokens.get(role);
  if (!t) {
    t = (async () => {
      const a = ROLE_ACCOUNTS[role];
      const res = await request.post("/api/v1/tokens", { data: { email: a.email, password: a.password, label: `e2e ${role}` } });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()).token as string;
    })();
    tokens.set(role, t);
  }
  return t;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A client bound to one token. */
export async function as(request: APIRequestContext, role: RoleName) {
  const token = await tokenFor(request, role);
  const headers = bearer(token);
  return {
    token,
    get: (url: string) => request.get(url, { headers }),
    post: (url: string, data?: unknown) => request.post(url, { headers, data: data ?? {} }),
    delete: (url: string) => request.delete(url, { headers }),
    upload: (name: string, body: Buffer) =>
      request.post(`/api/v1/snaps/${name}/uploads`, { headers: { ...headers, "Content-Type": "application/octet-stream" }, data: body }),
  };
}
export type Client = Awaited<ReturnType<typeof as>>;

/** Asserts an error response: status and the first error-list code; returns the message. */
export async function expectError(res: APIResponse, status: number, code: string): Promise<string> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  const body = JSON.parse(text) as { "error-list": { code: string; message: string }[] };
  expect(body["error-list"][0]?.code, text).toBe(code);
  expect(body["error-list"][0].message.length).toBeGreaterThan(10);
  return body["error-list"][0].message;
}

/** Registers a unique name for the client; returns it. */
export async function registerUnique(c: Client, prefix = "e2e"): Promise<string> {
  const name = uniqueName(prefix).toLowerCase();
  const res = await c.post("/api/v1/snaps", { name });
  expect(res.status(), await res.text()).toBe(201);
  return name;
}

/**
 * A real fixture repacked for `name`: unsquashfs the committed .snap, rewrite the name in
 * meta/snap.yaml (and the app named after the snap), mksquashfs with snapd's flags.
 */
export async function fixtureFor(fixture: string, name: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "snapstore-e2e-"));
  try {
    const src = path.join(dir, "src");
    await run("unsquashfs", ["-q", "-n", "-d", src, path.join(FIXTURES, fixture)]);
    const yamlPath = path.join(src, "meta/snap.yaml");
    const yaml = await readFile(yamlPath, "utf8");
    const old = /^name:\s*(\S+)/m.exec(yaml)![1];
    await writeFile(yamlPath, yaml.split(old).join(name));
    const out = await mksquashfs(src, path.join(dir, "out.snap"), SNAPD_PACK_ARGS);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A snap built from a snap.yaml text (temp dir + mksquashfs). */
export async function snapFromYaml(snapYaml: string): Promise<Buffer> {
  const built = await buildSnap({ snapYaml, files: { "bin/hello": "#!/bin/sh\necho hello\n" } });
  try {
    return await readFile(built.path);
  } finally {
    await built.cleanup();
  }
}

export const strictYaml = (name: string, extra = "") =>
  `name: ${name}\nversion: "1.0"\nsummary: e2e strict snap\ndescription: built by the e2e tests\nconfinement: strict\ngrade: stable\n${extra}`;

export const readFixture = (file: string) => readFile(path.join(FIXTURES, file));

export interface UploadOutcome {
  code: string;
  revision: number;
  errors: { code: string; message: string }[];
  review: unknown;
}

/** Uploads and waits until processing is done; returns the final status. */
export async function uploadAndWait(c: Client, name: string, body: Buffer): Promise<UploadOutcome & { uploadId: string }> {
  const res = await c.upload(name, body);
  const text = await res.text();
  expect(res.status(), text).toBe(202);
  const accepted = JSON.parse(text) as { "upload-id": string; "status-url": string; revision: number };
  expect(accepted["status-url"]).toBe(`/api/v1/snaps/${name}/uploads/${accepted["upload-id"]}`);
  const status = await waitForUpload(c, accepted["status-url"]);
  expect(status.revision).toBe(accepted.revision);
  return { ...status, uploadId: accepted["upload-id"] };
}

export async function waitForUpload(c: Client, statusUrl: string): Promise<UploadOutcome> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await c.get(statusUrl);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as UploadOutcome;
    if (body.code !== "being_processed") return body;
    if (Date.now() > deadline) throw new Error(`upload still being processed: ${statusUrl}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Puts a name on the admin's reserved list through the admin API. */
export async function reserveName(request: APIRequestContext, name: string, reason: string): Promise<void> {
  const admin = await as(request, "admin");
  const res = await admin.post("/api/v1/admin/reserved-names", { name, reason });
  expect(res.status(), await res.text()).toBe(201);
}
