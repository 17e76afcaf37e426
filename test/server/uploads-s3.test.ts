// The scale-out storage path end to end through the services: uploads land in a real
// S3-protocol server (s3rver), rejected ones leave no object, and withdrawing deletes the object.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { startS3rver, type S3rverHandle } from "@/test/support/s3rver";
import { createBlobStore, S3BlobStore, setBlobStoreForProcess } from "@/lib/storage";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { startUpload, withdrawRevision } from "@/lib/server/uploads";
import type { Actor } from "@/lib/server/ownership";
import { makeActor, registered } from "./publisher-helpers";

let t: TestDb;
let s3: S3rverHandle;
let store: S3BlobStore;
let tmp: string;
let pub: Actor;

beforeAll(async () => {
  t = await createTestDb();
  s3 = await startS3rver();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-s3-"));
  store = createBlobStore({
    kind: "s3",
    dataDir: tmp,
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
  }) as S3BlobStore;
  setBlobStoreForProcess(store);
  pub = await makeActor(t.db, "publisher");
});

afterAll(async () => {
  await t.cleanup();
  await s3.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function objects(): Promise<string[]> {
  const r = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (r.Contents ?? []).map((o) => o.Key!).sort();
}

async function upload(name: string, snapYaml: string, extra: Record<string, string> = {}) {
  const b = await buildSnap({ snapYaml, files: { "bin/hello": "#!/bin/sh\necho hi\n", ...extra } });
  try {
    const { accepted, process } = await startUpload(t.db, pub, name, fs.createReadStream(b.path));
    return { revision: accepted.revision, status: await process() };
  } finally {
    await b.cleanup();
  }
}

it("kept revisions are stored in the bucket by digest; rejected and withdrawn ones leave nothing", async () => {
  await registered(t.db, pub, "s3-snap");
  const ok = await upload("s3-snap", "name: s3-snap\nversion: '1'\nsummary: s\ndescription: d\n");
  expect(ok.status).toBe("ready_to_release");
  const rev = await t.db.revision.findFirstOrThrow({ where: { snap: { name: "s3-snap" }, revision: ok.revision } });
  expect(await objects()).toEqual([store.key(rev.sha3_384!)]);
  expect(await store.size(rev.sha3_384!)).toBe(Number(rev.size));

  const bad = await upload("s3-snap", "name: other-name\nversion: '1'\nsummary: s\ndescription: d\n");
  expect(bad.status).toBe("rejected");
  expect(await objects()).toHaveLength(1);

  const waiting = await upload("s3-snap", "name: s3-snap\nversion: '2'\nsummary: s\ndescription: d\nplugs:\n  snapd-control: null\n");
  expect(waiting.status).toBe("need_manual_review");
  expect(await objects()).toHaveLength(2);
  await withdrawRevision(t.db, pub, "s3-snap", waiting.revision);
  expect(await objects()).toEqual([store.key(rev.sha3_384!)]);
  // No staging leftovers either.
  const spool = path.join(tmp, "tmp");
  expect(fs.existsSync(spool) ? fs.readdirSync(spool) : []).toEqual([]);
});
