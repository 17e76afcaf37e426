import http from "node:http";
import { expect, test } from "@playwright/test";
import {
  as,
  expectError,
  fixtureFor,
  readFixture,
  registerUnique,
  reserveName,
  snapFromYaml,
  strictYaml,
  uploadAndWait,
  waitForUpload,
} from "./publisher-support";
import { uniqueName } from "../support/fixtures";

test.describe("upload outcomes (real .snap files)", () => {
  test("strict: ready_to_release, then release to stable", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-strict");
    const out = await uploadAndWait(c, name, await fixtureFor("strict.snap", name));
    expect(out.code).toBe("ready_to_release");
    expect(out.revision).toBe(1);
    expect(out.errors).toEqual([]);
    expect(out.review).toMatchObject({ outcome: "ready_to_release", exitCode: 0, sections: { lint: expect.any(Object), security: expect.any(Object) } });
    const rel = await c.post(`/api/v1/snaps/${name}/releases`, { revision: 1, channels: ["stable"] });
    expect(rel.status(), await rel.text()).toBe(200);
    const body = await rel.json();
    expect(body["channel-map"]).toEqual([
      expect.objectContaining({
        revision: 1,
        version: "1.0",
        confinement: "strict",
        grade: "stable",
        channel: expect.objectContaining({ name: "latest/stable", architecture: "amd64" }),
      }),
    ]);
    const revs = await (await c.get(`/api/v1/snaps/${name}/revisions`)).json();
    expect(revs.revisions[0]).toMatchObject({ revision: 1, version: "1.0", architectures: ["amd64"], status: "ready_to_release", channels: ["latest/stable"] });
  });

  test("classic: need_manual_review; release refused classic-not-granted", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-classic");
    const out = await uploadAndWait(c, name, await fixtureFor("classic.snap", name));
    expect(out.code).toBe("need_manual_review");
    expect(out.errors.map((e) => e.code)).toContain("needs-classic-grant");
    const msg = await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: out.revision, channels: ["stable"] }), 403, "classic-not-granted");
    expect(msg).toContain("classic");
    // a revision request was opened for the reviewers
    const reqs = await (await c.get(`/api/v1/snaps/${name}/requests`)).json();
    expect(reqs.requests).toEqual([expect.objectContaining({ type: "revision", status: "pending", revision: out.revision })]);
  });

  for (const [fixture, label] of [
    ["devmode.snap", "devmode"],
    ["devel.snap", "devel grade"],
  ] as const) {
    test(`${label}: ready; edge ok, stable refused devmode-or-devel-to-stable`, async ({ request }) => {
      const c = await as(request, "publisher");
      const name = await registerUnique(c, "e2e-dev");
      const out = await uploadAndWait(c, name, await fixtureFor(fixture, name));
      expect(out.code).toBe("ready_to_release");
      expect((await c.post(`/api/v1/snaps/${name}/releases`, { revision: out.revision, channels: ["edge", "beta"] })).status()).toBe(200);
      const msg = await expectError(
        await c.post(`/api/v1/snaps/${name}/releases`, { revision: out.revision, channels: ["stable"] }),
        400,
        "devmode-or-devel-to-stable",
      );
      expect(msg).toContain(`revision ${out.revision} is ${label}`);
      await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: out.revision, channels: ["candidate"] }), 400, "devmode-or-devel-to-stable");
    });
  }

  test("camera plug: ready_to_release (auto-connection is not checked at upload)", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-camera");
    const out = await uploadAndWait(c, name, await fixtureFor("camera.snap", name));
    expect(out.code).toBe("ready_to_release");
    expect(out.errors).toEqual([]);
  });

  test("snapd-control: need_manual_review; next upload 409 revision-awaiting-review; withdraw, then upload works", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-control");
    const first = await uploadAndWait(c, name, await fixtureFor("snapd-control.snap", name));
    expect(first.code).toBe("need_manual_review");
    expect(first.errors.map((e) => e.code)).toContain("super-privileged-interface");

    const strict = await fixtureFor("strict.snap", name);
    const refused = await c.upload(name, strict);
    const msg = await expectError(refused, 409, "revision-awaiting-review");
    expect(msg).toContain(`Revision ${first.revision}`);
    // Clients (the dashboard's Withdraw button, scripts) read the waiting revision from `extra`.
    expect((await refused.json())["error-list"][0].extra).toMatchObject({ name, revision: first.revision });
    expect(msg).toContain(`POST /api/v1/snaps/${name}/revisions/${first.revision}/withdraw`);
    await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: first.revision, channels: ["edge"] }), 409, "revision-not-ready");

    await expectError(await (await as(request, "publisher2")).post(`/api/v1/snaps/${name}/revisions/${first.revision}/withdraw`), 403, "not-owner");
    const w = await c.post(`/api/v1/snaps/${name}/revisions/${first.revision}/withdraw`);
    expect(w.status(), await w.text()).toBe(200);
    expect(await w.json()).toEqual({ revision: first.revision, status: "withdrawn" });
    await expectError(await c.post(`/api/v1/snaps/${name}/revisions/${first.revision}/withdraw`), 409, "not-withdrawable");
    await expectError(await c.post(`/api/v1/snaps/${name}/revisions/99/withdraw`), 404, "revision-not-found");
    await expectError(await c.post(`/api/v1/snaps/${name}/revisions/abc/withdraw`), 400, "invalid-revision");
    const reqs = await (await c.get(`/api/v1/snaps/${name}/requests`)).json();
    expect(reqs.requests[0]).toMatchObject({ type: "revision", status: "withdrawn" });

    const next = await uploadAndWait(c, name, strict);
    expect(next).toMatchObject({ code: "ready_to_release", revision: first.revision + 1 });
  });

  test("bad metadata: rejected, errors name the fields", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-badmeta");
    const out = await uploadAndWait(c, name, await readFixture("bad-metadata.snap"));
    expect(out.code).toBe("rejected");
    const text = out.errors.map((e) => e.message).join("\n");
    expect(out.errors.map((e) => e.code)).toContain("invalid-metadata");
    expect(text).toMatch(/name/);
    expect(text).toMatch(/summary/);
    await expectError(await c.post(`/api/v1/snaps/${name}/releases`, { revision: out.revision, channels: ["edge"] }), 409, "revision-not-ready");
  });

  test("not a squashfs: 400 not-a-snap before a revision exists; missing snap.yaml: rejected", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-notsq");
    await expectError(await c.upload(name, await readFixture("not-squashfs.snap")), 400, "not-a-snap");
    const missing = await uploadAndWait(c, name, await readFixture("missing-snap-yaml.snap"));
    expect(missing.code).toBe("rejected");
    expect(missing.revision).toBe(1);
  });

  test("name mismatch: rejected", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-mismatch");
    const out = await uploadAndWait(c, name, await readFixture("strict.snap"));
    expect(out.code).toBe("rejected");
    expect(out.errors.map((e) => e.code)).toContain("name-mismatch");
  });

  test("a snap built for the name: plugs, architectures all", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-built");
    const out = await uploadAndWait(c, name, await snapFromYaml(strictYaml(name, "apps:\n  app:\n    command: bin/hello\n    plugs: [network, home]\n")));
    expect(out.code).toBe("ready_to_release");
    const revs = await (await c.get(`/api/v1/snaps/${name}/revisions`)).json();
    expect(revs.revisions[0].architectures).toEqual(["all"]);
  });
});

test.describe("upload refusals", () => {
  test("404 snap-not-found, 404 upload-not-found, empty upload", async ({ request }) => {
    const c = await as(request, "publisher");
    await expectError(await c.upload(`no-such-${Date.now().toString(36)}`, Buffer.from("x")), 404, "snap-not-found");
    const name = await registerUnique(c, "e2e-empty");
    await expectError(await c.upload(name, Buffer.alloc(0)), 400, "empty-upload");
    await expectError(await c.get(`/api/v1/snaps/${name}/uploads/does-not-exist`), 404, "upload-not-found");
    const revs = await (await c.get(`/api/v1/snaps/${name}/revisions`)).json();
    expect(revs.revisions).toEqual([]);
  });

  test("reserved name: 202 pending-review, uploads refused 409 name-pending-review", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = uniqueName("e2e-reserved").toLowerCase();
    await reserveName(request, name, "e2e: trademark");
    const res = await c.post("/api/v1/snaps", { name });
    expect(res.status()).toBe(202);
    expect(await res.json()).toMatchObject({ name, status: "pending-review", "snap-id": expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    const msg = await expectError(await c.upload(name, await fixtureFor("strict.snap", name)), 409, "name-pending-review");
    expect(msg).toContain("reserved");
  });

  test("Content-Length over the limit: 413 upload-too-large before the body is read", async ({ request, baseURL }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-huge");
    const url = new URL(`/api/v1/snaps/${name}/uploads`, baseURL);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(url, {
        method: "POST",
        headers: { Authorization: `Bearer ${c.token}`, "Content-Type": "application/octet-stream", "Content-Length": String(5 * 1024 ** 3) },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text });
          req.destroy();
        });
      });
      req.on("error", reject);
      req.write(Buffer.alloc(1024, 1)); // a tiny part of the claimed 5 GiB; never ended
    });
    expect(status).toBe(413);
    expect(JSON.parse(text)["error-list"][0].code).toBe("upload-too-large");
    const revs = await (await c.get(`/api/v1/snaps/${name}/revisions`)).json();
    expect(revs.revisions).toEqual([]);
  });

  test("two concurrent uploads get consecutive revisions", async ({ request }) => {
    const c = await as(request, "publisher");
    const name = await registerUnique(c, "e2e-concurrent");
    // Two different files: the same file twice is a duplicate-upload.
    const body = await fixtureFor("strict.snap", name);
    const other = await snapFromYaml(strictYaml(name).replace('version: "1.0"', 'version: "1.1"'));
    const [a, b] = await Promise.all([c.upload(name, body), c.upload(name, other)]);
    expect([a.status(), b.status()]).toEqual([202, 202]);
    const ja = await a.json();
    const jb = await b.json();
    expect([ja.revision, jb.revision].sort()).toEqual([1, 2]);
    for (const j of [ja, jb]) expect((await waitForUpload(c, j["status-url"])).code).toBe("ready_to_release");
    // The same file again: refused, naming the revision that has it, and no number is spent.
    const again = await c.upload(name, body);
    const msg = await expectError(again, 409, "duplicate-upload");
    expect(msg).toContain(`revision ${ja.revision}`);
    expect((await again.json())["error-list"][0].extra).toMatchObject({ name, revision: ja.revision });
    const revs = await (await c.get(`/api/v1/snaps/${name}/revisions`)).json();
    expect(revs.revisions).toHaveLength(2);
  });
});
