import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDb } from "@/test/support/db";
import type { BlobStore } from "@/lib/storage";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { allocateRevision, failStaleProcessing, getUploadStatus, stageUploadBody, startUpload, withdrawRevision } from "@/lib/server/uploads";
import type { Actor } from "@/lib/server/ownership";
import { openUploadEnv, registered, type UploadEnv } from "./publisher-helpers";
import { refused } from "@/test/support/refusal";

const FIXTURES = path.resolve(__dirname, "../fixtures/snaps");
let env: UploadEnv;
let t: TestDb;
let store: BlobStore;
let pub: Actor;
let pub2: Actor;

beforeAll(async () => {
  env = await openUploadEnv("uploads");
  ({ t, store, pub, pub2 } = env);
});
afterAll(async () => {
  await env.close();
});

const tmpFiles = () => env.tmpFiles();

async function upload(name: string, file: string, actor = pub) {
  const { accepted, process } = await startUpload(t.db, actor, name, fs.createReadStream(file));
  const final = await process();
  const status = await getUploadStatus(t.db, actor, name, accepted.uploadId);
  expect(status.code).toBe(final);
  return { accepted, status };
}

async function built(snapYaml: string) {
  return buildSnap({ snapYaml, files: { "bin/hello": "#!/bin/sh\necho hi\n" } });
}

describe("upload processing", () => {
  it("strict: ready_to_release, blob committed, columns filled, no temp left", async () => {
    await registered(t.db, pub, "up-strict");
    const b = await built("name: up-strict\nversion: '2.1'\nsummary: s\ndescription: d\narchitectures: [amd64, arm64]\nbase: core22\n");
    try {
      const { accepted, status } = await upload("up-strict", b.path);
      expect(accepted).toMatchObject({ revision: 1, statusUrl: `/api/v1/snaps/up-strict/uploads/${accepted.uploadId}` });
      expect(status).toMatchObject({ code: "ready_to_release", revision: 1, errors: [], version: "2.1", confinement: "strict", grade: "stable" });
      const rev = await t.db.revision.findFirstOrThrow({ where: { uploadId: accepted.uploadId } });
      expect(rev).toMatchObject({ architectures: ["amd64", "arm64"], base: "core22", compression: "xz", type: "app" });
      expect(rev.snapYaml).toContain("up-strict");
      expect(await store.has(rev.sha3_384!)).toBe(true);
      expect(Number(rev.size)).toBe(fs.statSync(b.path).size);
      expect(tmpFiles()).toEqual([]);
    } finally {
      await b.cleanup();
    }
  });

  it("snapd-control: need_manual_review with a revision request; later uploads refused until withdrawn", async () => {
    await registered(t.db, pub, "up-control");
    const b = await built("name: up-control\nversion: '1'\nsummary: s\ndescription: d\napps:\n  a:\n    command: bin/hello\n    plugs: [snapd-control]\n");
    try {
      const { status } = await upload("up-control", b.path);
      expect(status.code).toBe("need_manual_review");
      const req = await t.db.reviewRequest.findFirstOrThrow({ where: { type: "revision", snap: { name: "up-control" } } });
      expect(req.reasoning).toContain("snapd-control");
      const e = await refused(startUpload(t.db, pub, "up-control", fs.createReadStream(b.path)));
      expect([e.code, e.status]).toEqual(["revision-awaiting-review", 409]);
      expect(e.message).toContain("POST /api/v1/snaps/up-control/revisions/1/withdraw");
      expect(tmpFiles()).toEqual([]);
      expect((await refused(withdrawRevision(t.db, pub2, "up-control", 1))).code).toBe("not-owner");
      const rev = await t.db.revision.findFirstOrThrow({ where: { snap: { name: "up-control" }, revision: 1 } });
      expect(await store.has(rev.sha3_384!)).toBe(true);
      await withdrawRevision(t.db, pub, "up-control", 1);
      expect(await store.has(rev.sha3_384!)).toBe(false);
      expect((await t.db.reviewRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("withdrawn");
      const again = await upload("up-control", b.path);
      expect(again.status).toMatchObject({ code: "need_manual_review", revision: 2 });
    } finally {
      await b.cleanup();
    }
  });

  it("rejects bad metadata and name mismatches without keeping the blob", async () => {
    await registered(t.db, pub, "up-bad");
    const bad = await upload("up-bad", path.join(FIXTURES, "bad-metadata.snap"));
    expect(bad.status.code).toBe("rejected");
    expect(bad.status.errors.map((e) => e.code)).toContain("invalid-metadata");
    const mismatch = await upload("up-bad", path.join(FIXTURES, "strict.snap"));
    expect(mismatch.status.code).toBe("rejected");
    expect(mismatch.status.errors.map((e) => e.code)).toContain("name-mismatch");
    const revs = await t.db.revision.findMany({ where: { snap: { name: "up-bad" } } });
    for (const r of revs) expect(await store.has(r.sha3_384!)).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it("not a squashfs: refused (400 not-a-snap) before a revision exists; missing snap.yaml: rejected", async () => {
    await registered(t.db, pub, "up-junk");
    const e = await refused(startUpload(t.db, pub, "up-junk", fs.createReadStream(path.join(FIXTURES, "not-squashfs.snap"))));
    expect([e.code, e.status]).toEqual(["not-a-snap", 400]);
    expect(e.message).toContain("No revision was created");
    expect(await t.db.revision.count({ where: { snap: { name: "up-junk" } } })).toBe(0);
    // A body too short for a superblock, and a squashfs 3 image, are refused the same way.
    expect((await refused(startUpload(t.db, pub, "up-junk", Readable.from([Buffer.from("hsqs")])))).code).toBe("not-a-snap");
    const v3 = Buffer.from(fs.readFileSync(path.join(FIXTURES, "strict.snap")));
    v3.writeUInt16LE(3, 28);
    expect((await refused(startUpload(t.db, pub, "up-junk", Readable.from([v3])))).code).toBe("not-a-snap");
    const missing = await upload("up-junk", path.join(FIXTURES, "missing-snap-yaml.snap"));
    expect(missing.status.code).toBe("rejected");
    // The refused garbage spent no revision number.
    expect(missing.status.revision).toBe(1);
    expect(tmpFiles()).toEqual([]);
    // a bad upload changes nothing else
    expect(await t.db.release.count({ where: { snap: { name: "up-junk" } } })).toBe(0);
    expect(await t.db.reviewRequest.count({ where: { snap: { name: "up-junk" } } })).toBe(0);
  });

  it("maps stage errors: too large 413, empty 400, aborted 400, declared length 413", async () => {
    // A real superblock first, so the bytes get past the not-a-snap check.
    const head = fs.readFileSync(path.join(FIXTURES, "strict.snap")).subarray(0, 4096);
    let e = await refused(stageUploadBody(Readable.from([head, Buffer.alloc(4096)]), { maxBytes: 5000 }));
    expect([e.code, e.status]).toEqual(["upload-too-large", 413]);
    e = await refused(stageUploadBody(Readable.from([]), {}));
    expect([e.code, e.status]).toEqual(["empty-upload", 400]);
    e = await refused(stageUploadBody(null, {}));
    expect(e.code).toBe("empty-upload");
    const broken = new Readable({
      read() {
        this.push(head.subarray(0, 100));
        this.destroy(new Error("connection reset"));
      },
    });
    e = await refused(stageUploadBody(broken, {}));
    expect([e.code, e.status]).toEqual(["upload-aborted", 400]);
    e = await refused(stageUploadBody(Readable.from([Buffer.alloc(10)]), { contentLength: String(5 * 1024 ** 3), maxBytes: 1024 }));
    expect([e.code, e.status]).toEqual(["upload-too-large", 413]);
    expect(tmpFiles()).toEqual([]);
  });

  it("fails revisions stuck in being_processed for more than 10 minutes", async () => {
    const s = await registered(t.db, pub, "up-stale");
    const old = await allocateRevision(t.db, s.id, pub.id);
    const fresh = await allocateRevision(t.db, s.id, pub.id);
    await t.db.revision.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 11 * 60 * 1000) } });
    expect(await failStaleProcessing(t.db)).toBe(1);
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("processing_error");
    expect((await t.db.revision.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("being_processed");
  });

  it("two parallel uploads get consecutive revisions", async () => {
    await registered(t.db, pub, "up-par");
    // Two different files (the same file twice is a duplicate-upload).
    const b = await Promise.all(["1", "2"].map((v) => built(`name: up-par\nversion: '${v}'\nsummary: s\ndescription: d\n`)));
    try {
      const both = await Promise.all(b.map((x) => startUpload(t.db, pub, "up-par", fs.createReadStream(x.path))));
      expect(both.map((x) => x.accepted.revision).sort()).toEqual([1, 2]);
      expect(await Promise.all(both.map((x) => x.process()))).toEqual(["ready_to_release", "ready_to_release"]);
    } finally {
      await Promise.all(b.map((x) => x.cleanup()));
    }
  });
});
