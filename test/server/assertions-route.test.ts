// GET /v2/assertions/... through the real route handler, on a real database (SQLite, or PostgreSQL
// with SNAPSTORE_TEST_PG), with a real .snap uploaded through the upload services. The bytes it
// serves are decoded and verified here; test/server/assertions-snapd.test.ts has snapd's own
// client fetch and check them.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAssertion, verifyAssertion } from "@/lib/assertions/assertion";
import { buildIdentity, type SigningIdentity } from "@/lib/assertions/identity";
import { fixtureKey } from "@/lib/assertions/testing";
import { AppError } from "@/lib/errors";
import { ensureSnapDeclaration, issueSnapDeclaration } from "@/lib/server/assertions";
import { setBlobStoreForProcess } from "@/lib/storage";
import { useSigningIdentityForProcess } from "@/lib/server/signing";
import { getUploadStatus, startUpload } from "@/lib/server/uploads";
import type { Actor } from "@/lib/server/ownership";
import { createBlobStore } from "@/lib/storage";
import { createTestDb, type TestDb } from "@/test/support/db";
import { GET } from "@/app/v2/assertions/[[...path]]/route";
import { addRevision, makeActor, registered } from "./publisher-helpers";

const STRICT = path.resolve(import.meta.dirname, "../fixtures/snaps/strict.snap");
let t: TestDb;
let dataDir: string;
let id: SigningIdentity;
let pub: Actor;
let admin: Actor;
let snap: { id: string; snapId: string; name: string; ownerId: string };
let digest: string;

/** Calls the route like Next does: a Request and the catch-all params. */
async function get(urlPath: string, headers: Record<string, string> = {}) {
  const url = new URL(urlPath, "http://store.test");
  const segments = url.pathname
    .replace(/^\/v2\/assertions\/?/, "")
    .split("/")
    .filter(Boolean)
    .map(decodeURIComponent);
  const res = await GET(new Request(url, { headers: { Accept: "application/x.ubuntu.assertion", ...headers } }), {
    params: Promise.resolve({ path: segments }),
  });
  const body = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body };
}

const errorOf = (body: string) => (JSON.parse(body) as { "error-list": { code: string; message: string }[] })["error-list"][0];

beforeAll(async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-assertions-"));
  setBlobStoreForProcess(createBlobStore({ kind: "fs", dataDir }));
  const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
  id = buildIdentity({ authorityId: "test-store", displayName: "Test Store", rootKey, storeKey, since: new Date("2016-01-01T00:00:00Z") });
  useSigningIdentityForProcess(id);
  pub = await makeActor(t.db, "publisher");
  admin = await makeActor(t.db, "admin");
  const s = await registered(t.db, pub, "hello-strict");
  snap = { id: s.id, snapId: s.snapId, name: s.name, ownerId: s.ownerId };
  const { accepted, process } = await startUpload(t.db, pub, "hello-strict", fs.createReadStream(STRICT));
  expect(await process()).toBe("ready_to_release");
  expect((await getUploadStatus(t.db, pub, "hello-strict", accepted.uploadId)).revision).toBe(1);
  digest = createHash("sha3-384").update(fs.readFileSync(STRICT)).digest("base64url");
}, 180_000);

afterAll(async () => {
  useSigningIdentityForProcess(null);
  await t.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /v2/assertions: what snapd asks for", () => {
  it("account-key: the store key (certified by root) and the root key, verified by their signers", async () => {
    const store = await get(`/v2/assertions/account-key/${id.store.keyId}?max-format=0`);
    expect(store).toMatchObject({ status: 200, type: "application/x.ubuntu.assertion" });
    expect(store.body).toBe(id.storeAccountKey.encoded);
    const root = await get(`/v2/assertions/account-key/${id.rootKeyId}`);
    expect(root.body).toBe(id.rootAccountKey.encoded);
  });

  it("account: a publisher from their Account row, and the root account; no Snap-Device-Series needed", async () => {
    const acc = await t.db.account.findUniqueOrThrow({ where: { userId: pub.id } });
    const res = await get(`/v2/assertions/account/${acc.id}?max-format=0`, {
      "X-Ubuntu-Series": "16",
      "X-Ubuntu-Architecture": "amd64",
      "X-Ubuntu-Wire-Protocol": "1",
    });
    expect(res).toMatchObject({ status: 200, type: "application/x.ubuntu.assertion" });
    const a = decodeAssertion(res.body);
    expect(a.headers).toMatchObject({
      type: "account",
      "authority-id": "test-store",
      "account-id": acc.id,
      username: acc.username,
      "display-name": acc.displayName,
      validation: "unproven",
    });
    expect(verifyAssertion(a, id.store.privateKey)).toEqual({ ok: true });
    expect((await get(`/v2/assertions/account/test-store`)).body).toBe(id.rootAccount.encoded);
  });

  it("snap-revision of an uploaded .snap: digest, size, snap-id, revision, developer; the same bytes every time", async () => {
    const res = await get(`/v2/assertions/snap-revision/${digest}?max-format=0`);
    expect(res).toMatchObject({ status: 200, type: "application/x.ubuntu.assertion" });
    const a = decodeAssertion(res.body);
    expect(a.headers).toMatchObject({
      type: "snap-revision",
      "snap-sha3-384": digest,
      "snap-id": snap.snapId,
      "snap-revision": "1",
      "snap-size": String(fs.statSync(STRICT).size),
      "developer-id": snap.ownerId,
    });
    expect(verifyAssertion(a, id.store.privateKey)).toEqual({ ok: true });
    const rev = await t.db.revision.findFirstOrThrow({ where: { snapId: snap.id, revision: 1 } });
    expect(a.headers.timestamp).toBe(rev.processedAt!.toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect((await get(`/v2/assertions/snap-revision/${digest}`)).body).toBe(res.body);
    expect((await get(`/v2/assertions/snap-revision/${digest}/global-upload`)).body).toBe(res.body);
  });

  it("snap-declaration: revision 0 written on first request, then each issued revision, max-format respected", async () => {
    expect(await t.db.snapDeclaration.count({ where: { snapId: snap.id } })).toBe(0);
    const first = await get(`/v2/assertions/snap-declaration/16/${snap.snapId}?max-format=5`);
    expect(first).toMatchObject({ status: 200, type: "application/x.ubuntu.assertion" });
    const d0 = decodeAssertion(first.body);
    expect(d0).toMatchObject({ revision: 0, format: 0 });
    expect(d0.headers).toMatchObject({ series: "16", "snap-id": snap.snapId, "snap-name": "hello-strict", "publisher-id": snap.ownerId });
    expect(d0.headers.plugs).toBeUndefined();
    expect((await t.db.snapDeclaration.findMany({ where: { snapId: snap.id } })).map((r) => [r.revision, r.body])).toEqual([[0, first.body]]);
    expect((await get(`/v2/assertions/snap-declaration/16/${snap.snapId}`)).body).toBe(first.body);

    const r1 = await t.db.$transaction((tx) => issueSnapDeclaration(tx, snap.id, { plugs: { camera: { "allow-auto-connection": true } } }, admin.id));
    expect(r1.revision).toBe(1);
    const d1 = decodeAssertion((await get(`/v2/assertions/snap-declaration/16/${snap.snapId}?max-format=5`)).body);
    expect(d1).toMatchObject({ revision: 1, format: 1 });
    expect(d1.headers.plugs).toEqual({ camera: { "allow-auto-connection": "true" } });
    const row = await t.db.snapDeclaration.findFirstOrThrow({ where: { snapId: snap.id, revision: 1 } });
    expect(row).toMatchObject({ createdById: admin.id, plugs: { camera: { "allow-auto-connection": true } }, slots: {} });

    await t.db.$transaction((tx) =>
      issueSnapDeclaration(
        tx,
        snap.id,
        { plugs: { camera: { "allow-auto-connection": true }, home: { "allow-auto-connection": { "plug-attributes": { read: ["all", "none"] } } } } },
        admin.id,
      ),
    );
    expect(decodeAssertion((await get(`/v2/assertions/snap-declaration/16/${snap.snapId}?max-format=5`)).body)).toMatchObject({ revision: 2, format: 5 });
    expect(decodeAssertion((await get(`/v2/assertions/snap-declaration/16/${snap.snapId}?max-format=4`)).body)).toMatchObject({ revision: 1, format: 1 });
    expect(decodeAssertion((await get(`/v2/assertions/snap-declaration/16/${snap.snapId}?max-format=0`)).body)).toMatchObject({ revision: 0 });
  });

  it("a declaration snapd would refuse is not written, and the caller's transaction rolls back", async () => {
    const before = await t.db.snapDeclaration.count({ where: { snapId: snap.id } });
    const err = await t.db
      .$transaction(async (tx) => {
        await tx.snap.update({ where: { id: snap.id }, data: { summary: "changed in the failed transaction" } });
        return issueSnapDeclaration(tx, snap.id, { plugs: { camera: { "allow-connection": { "plug-snap-id": ["short"] } } } }, admin.id);
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "invalid-declaration", status: 400 });
    expect((err as Error).message).toMatch(/not a constraint of a plug rule's connection subrule/);
    expect(await t.db.snapDeclaration.count({ where: { snapId: snap.id } })).toBe(before);
    expect((await t.db.snap.findUniqueOrThrow({ where: { id: snap.id } })).summary).not.toBe("changed in the failed transaction");
  });

  it("ensureSnapDeclaration is idempotent under concurrency: one revision 0, the same bytes for every caller", async () => {
    const s = await registered(t.db, pub, "hello-race");
    const results = await Promise.all(Array.from({ length: 6 }, () => ensureSnapDeclaration(t.db, s.id)));
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(results.every((r) => r.revision === 0)).toBe(true);
    expect(await t.db.snapDeclaration.count({ where: { snapId: s.id } })).toBe(1);
  });

  it("after the store key is replaced, stored declarations are served signed by the new key (same revision, same rules)", async () => {
    const before = decodeAssertion((await get(`/v2/assertions/snap-declaration/16/${snap.snapId}`)).body);
    const newStoreKey = await fixtureKey("rogue");
    const rotated = buildIdentity({
      authorityId: "test-store",
      displayName: "Test Store",
      rootKey: await fixtureKey("root"),
      storeKey: newStoreKey,
      since: new Date("2016-01-01T00:00:00Z"),
    });
    useSigningIdentityForProcess(rotated);
    try {
      const res = await get(`/v2/assertions/snap-declaration/16/${snap.snapId}`);
      const after = decodeAssertion(res.body);
      expect(after.signKeyId).toBe(rotated.store.keyId);
      expect(verifyAssertion(after, newStoreKey)).toEqual({ ok: true });
      expect({ ...after.headers, "sign-key-sha3-384": "" }).toEqual({ ...before.headers, "sign-key-sha3-384": "" });
      expect((await get(`/v2/assertions/account-key/${rotated.store.keyId}`)).body).toBe(rotated.storeAccountKey.encoded);
      expect((await get(`/v2/assertions/account-key/${id.store.keyId}`)).status).toBe(404);
    } finally {
      useSigningIdentityForProcess(id);
    }
  });

  it("issueSnapDeclaration on a snap with no declaration writes revision 0 (nothing granted) then 1", async () => {
    const s = await registered(t.db, pub, "hello-fresh");
    const r = await t.db.$transaction((tx) =>
      issueSnapDeclaration(tx, s.id, { slots: { content: { "allow-auto-connection": { "plug-publisher-id": ["$SLOT_PUBLISHER_ID"] } } } }, admin.id),
    );
    expect(r.revision).toBe(1);
    const rows = await t.db.snapDeclaration.findMany({ where: { snapId: s.id }, orderBy: { revision: "asc" } });
    expect(rows.map((x) => [x.revision, x.createdById])).toEqual([
      [0, null],
      [1, admin.id],
    ]);
    expect(decodeAssertion(rows[1].body).headers.slots).toEqual({ content: { "allow-auto-connection": { "plug-publisher-id": ["$SLOT_PUBLISHER_ID"] } } });
  });
});

describe("GET /v2/assertions: not found and bad requests", () => {
  const notFound = async (p: string, msg: RegExp) => {
    const res = await get(p);
    expect(res.status, p).toBe(404);
    expect(res.type).toBe("application/json");
    expect(errorOf(res.body)).toMatchObject({ code: "not-found", message: expect.stringMatching(msg) });
  };
  const bad = async (p: string, code: string, msg: RegExp) => {
    const res = await get(p);
    expect(res.status, p).toBe(400);
    expect(res.type).toBe("application/json");
    expect(errorOf(res.body)).toMatchObject({ code, message: expect.stringMatching(msg) });
  };

  it("404 with a JSON error list for what does not exist", async () => {
    await notFound(`/v2/assertions/snap-revision/${"A".repeat(64)}`, /No reviewed revision/);
    await notFound(`/v2/assertions/snap-revision/${digest}/other-provenance`, /global-upload revisions only/);
    await notFound(`/v2/assertions/snap-declaration/16/${"Z".repeat(32)}`, /No snap with snap-id/);
    await notFound(`/v2/assertions/snap-declaration/15/${snap.snapId}`, /series 16/);
    await notFound(`/v2/assertions/account/${"N".repeat(32)}`, /No account/);
    await notFound(`/v2/assertions/account-key/${"k".repeat(64)}`, /root key and its store key only/);
    await notFound(`/v2/assertions/model/16/brand/model`, /does not serve model assertions/);
  });

  it("a revision waiting for manual review, a private snap and a pending name have no assertions", async () => {
    const waiting = await registered(t.db, pub, "hello-waiting");
    const { revision } = await addRevision(t.db, waiting.id, pub, { status: "need_manual_review" });
    const hex = (await t.db.revision.findFirstOrThrow({ where: { snapId: waiting.id, revision } })).sha3_384!;
    await notFound(`/v2/assertions/snap-revision/${Buffer.from(hex, "hex").toString("base64url")}`, /No reviewed revision/);

    const hidden = await registered(t.db, pub, "hello-private");
    const { revision: r2 } = await addRevision(t.db, hidden.id, pub, { status: "ready_to_release" });
    const hex2 = (await t.db.revision.findFirstOrThrow({ where: { snapId: hidden.id, revision: r2 } })).sha3_384!;
    expect((await get(`/v2/assertions/snap-revision/${Buffer.from(hex2, "hex").toString("base64url")}`)).status).toBe(200);
    await t.db.snap.update({ where: { id: hidden.id }, data: { private: true } });
    await notFound(`/v2/assertions/snap-revision/${Buffer.from(hex2, "hex").toString("base64url")}`, /No reviewed revision/);
    await notFound(`/v2/assertions/snap-declaration/16/${hidden.snapId}`, /No snap with snap-id/);

    await t.db.snap.update({ where: { id: hidden.id }, data: { private: false, nameStatus: "pending_review" } });
    await notFound(`/v2/assertions/snap-declaration/16/${hidden.snapId}`, /No snap with snap-id/);
  });

  it("a released revision keeps its snap-revision even when it is no longer ready_to_release", async () => {
    const s = await registered(t.db, pub, "hello-released");
    const { id: revId, revision } = await addRevision(t.db, s.id, pub, { status: "ready_to_release" });
    await t.db.release.create({ data: { snapId: s.id, track: "latest", risk: "stable", architecture: "amd64", revisionId: revId } });
    await t.db.revision.update({ where: { id: revId }, data: { status: "need_manual_review" } });
    const hex = (await t.db.revision.findFirstOrThrow({ where: { id: revId } })).sha3_384!;
    const res = await get(`/v2/assertions/snap-revision/${Buffer.from(hex, "hex").toString("base64url")}`);
    expect(res.status).toBe(200);
    expect(decodeAssertion(res.body).headers["snap-revision"]).toBe(String(revision));
  });

  it("400 with a JSON error list for a malformed type, key or max-format", async () => {
    await bad(`/v2/assertions`, "invalid-type", /is not an assertion type/);
    await bad(`/v2/assertions/nonsense/x`, "invalid-type", /"nonsense" is not an assertion type/);
    await bad(`/v2/assertions/account`, "invalid-key", /expected ACCOUNT-ID/);
    await bad(`/v2/assertions/account/a/b`, "invalid-key", /expected ACCOUNT-ID/);
    await bad(`/v2/assertions/account-key/short`, "invalid-key", /PUBLIC-KEY-SHA3-384/);
    await bad(`/v2/assertions/snap-declaration/${snap.snapId}`, "invalid-key", /SERIES\/SNAP-ID/);
    await bad(`/v2/assertions/snap-declaration/16/not-a-snap-id`, "invalid-key", /SERIES\/SNAP-ID/);
    await bad(`/v2/assertions/snap-revision/${digest.slice(1)}`, "invalid-key", /SNAP-SHA3-384/);
    await bad(`/v2/assertions/snap-revision/${digest}?max-format=x`, "invalid-max-format", /max-format/);
    await bad(`/v2/assertions/snap-revision/${digest}?max-format=99999`, "invalid-max-format", /max-format/);
  });

  it("hostile input: a huge key is refused by its shape, and the message quotes only its start", async () => {
    const res = await get(`/v2/assertions/account/${"a".repeat(100_000)}`);
    expect(res.status).toBe(400);
    expect(res.body.length).toBeLessThan(500);
    await bad(`/v2/assertions/snap-revision/${"a/".repeat(5_000)}`, "invalid-key", /SNAP-SHA3-384/);
  });
});
