// The download route streams from an S3-compatible bucket (s3rver) exactly as from the filesystem:
// the whole file with Content-Length, a Range as 206, a start past the end as 416.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as downloadGET } from "@/app/v2/snaps/download/[file]/route";
import { createBlobStore, type BlobStore } from "@/lib/storage";
import { createTestDb, type TestDb } from "@/test/support/db";
import { startS3rver, type S3rverHandle } from "@/test/support/s3rver";
import { buildStoreCatalogue, fixture, type StoreCatalogue } from "./store-api-fixtures";

let t: TestDb;
let s3: S3rverHandle;
let tmp: string;
let store: BlobStore;
let cat: StoreCatalogue;

beforeAll(async () => {
  t = await createTestDb();
  s3 = await startS3rver();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-store-s3-"));
  store = createBlobStore({
    kind: "s3",
    dataDir: tmp,
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
  });
  cat = await buildStoreCatalogue(t.db, store);
}, 120_000);

afterAll(async () => {
  await store?.close?.();
  await s3?.stop();
  cat?.cleanup();
  await t?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const download = (file: string, headers: Record<string, string> = {}) =>
  downloadGET(new Request(`http://store.test/v2/snaps/download/${file}`, { headers }), { params: Promise.resolve({ file }) });

describe("download from S3", () => {
  it("whole file, range and an unsatisfiable range", async () => {
    const bytes = fs.readFileSync(fixture("strict.snap"));
    const file = `${cat.snaps.strict.snapId}_1.snap`;
    const whole = await download(file);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await download(file, { Range: "bytes=2000-" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-length")).toBe(String(bytes.length - 2000));
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(2000))).toBe(true);
    const past = await download(file, { Range: `bytes=${bytes.length + 5}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
  });
});
