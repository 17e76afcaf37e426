import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BlobStoreConfigError,
  DEFAULT_MAX_UPLOAD_BYTES,
  FsBlobStore,
  S3BlobStore,
  blobStoreConfigFromEnv,
  blobStoreFromEnv,
  createBlobStore,
  maxUploadBytesFromEnv,
  normalizeS3Prefix,
  type BlobStore,
} from "./index";

describe("maxUploadBytesFromEnv", () => {
  it("defaults to 4 GiB", () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(4 * 1024 ** 3);
    expect(maxUploadBytesFromEnv({})).toBe(DEFAULT_MAX_UPLOAD_BYTES);
    expect(maxUploadBytesFromEnv({ SNAPSTORE_MAX_UPLOAD_BYTES: "" })).toBe(DEFAULT_MAX_UPLOAD_BYTES);
  });

  it("parses bytes and units", () => {
    expect(maxUploadBytesFromEnv({ SNAPSTORE_MAX_UPLOAD_BYTES: "1048576" })).toBe(1048576);
    expect(maxUploadBytesFromEnv({ SNAPSTORE_MAX_UPLOAD_BYTES: " 512MiB " })).toBe(512 * 1024 ** 2);
    expect(maxUploadBytesFromEnv({ SNAPSTORE_MAX_UPLOAD_BYTES: "2G" })).toBe(2 * 1024 ** 3);
    expect(maxUploadBytesFromEnv({ SNAPSTORE_MAX_UPLOAD_BYTES: "100MB" })).toBe(100_000_000);
  });

  it.each(["0", "-5", "1.5", "ten", "5 parsecs", "99999999999999999999"])("rejects %j", (v) => {
    expect(() => maxUploadBytesFromEnv({ SNAPSTORE_MAX_UPLOAD_BYTES: v })).toThrow(/SNAPSTORE_MAX_UPLOAD_BYTES/);
  });
});

describe("blobStoreConfigFromEnv / blobStoreFromEnv", () => {
  it("defaults to the fs driver under ./data", () => {
    expect(blobStoreConfigFromEnv({})).toEqual({ kind: "fs", dataDir: "./data", maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES });
    const store = blobStoreFromEnv({ SNAPSTORE_DATA_DIR: "/srv/snapstore" }) as FsBlobStore;
    expect(store).toBeInstanceOf(FsBlobStore);
    expect(store.kind).toBe("fs");
    expect(store.blobDir).toBe("/srv/snapstore/blobs/sha3-384");
    expect(store.temp.dir).toBe("/srv/snapstore/tmp");
    expect(store.localPath("ab".repeat(48))).toBe(`/srv/snapstore/blobs/sha3-384/ab/${"ab".repeat(48)}`);
    expect((blobStoreFromEnv({}) as FsBlobStore).dataDir).toBe(resolve("./data"));
  });

  it("rejects an unknown driver", () => {
    expect(() => blobStoreConfigFromEnv({ SNAPSTORE_BLOB_STORE: "gcs" })).toThrow(/SNAPSTORE_BLOB_STORE must be "fs" or "s3"/);
  });

  it("requires a bucket for s3", () => {
    expect(() => blobStoreFromEnv({ SNAPSTORE_BLOB_STORE: "s3" })).toThrow("SNAPSTORE_S3_BUCKET is required when SNAPSTORE_BLOB_STORE=s3");
    expect(() => blobStoreFromEnv({ SNAPSTORE_BLOB_STORE: "s3" })).toThrow(BlobStoreConfigError);
  });

  it("reads the s3 settings with defaults", () => {
    const cfg = blobStoreConfigFromEnv({
      SNAPSTORE_BLOB_STORE: "S3",
      SNAPSTORE_S3_BUCKET: "snaps",
      SNAPSTORE_S3_ENDPOINT: "http://127.0.0.1:9000",
      SNAPSTORE_S3_ACCESS_KEY_ID: "id",
      SNAPSTORE_S3_SECRET_ACCESS_KEY: "secret",
      SNAPSTORE_S3_PREFIX: "prod/",
    });
    expect(cfg).toEqual({
      kind: "s3",
      dataDir: "./data",
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
      bucket: "snaps",
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      accessKeyId: "id",
      secretAccessKey: "secret",
      sessionToken: undefined,
      forcePathStyle: true,
      prefix: "prod/",
    });
  });

  it("falls back to AWS_* credentials and region; path style only with an endpoint", () => {
    const cfg = blobStoreConfigFromEnv({
      SNAPSTORE_BLOB_STORE: "s3",
      SNAPSTORE_S3_BUCKET: "snaps",
      AWS_ACCESS_KEY_ID: "aid",
      AWS_SECRET_ACCESS_KEY: "asecret",
      AWS_SESSION_TOKEN: "tok",
      AWS_REGION: "eu-west-1",
    });
    expect(cfg).toMatchObject({
      accessKeyId: "aid",
      secretAccessKey: "asecret",
      sessionToken: "tok",
      region: "eu-west-1",
      forcePathStyle: false,
      endpoint: undefined,
    });
    expect(
      blobStoreConfigFromEnv({
        SNAPSTORE_BLOB_STORE: "s3",
        SNAPSTORE_S3_BUCKET: "snaps",
        SNAPSTORE_S3_REGION: "eu-central-1",
        AWS_REGION: "eu-west-1",
        SNAPSTORE_S3_ENDPOINT: "https://minio.example",
        SNAPSTORE_S3_FORCE_PATH_STYLE: "false",
      }),
    ).toMatchObject({ region: "eu-central-1", forcePathStyle: false, accessKeyId: undefined });
  });

  it("gives clear errors for half-configured credentials and bad values", () => {
    const base = { SNAPSTORE_BLOB_STORE: "s3", SNAPSTORE_S3_BUCKET: "b" };
    expect(() => blobStoreConfigFromEnv({ ...base, SNAPSTORE_S3_ACCESS_KEY_ID: "x" })).toThrow(/SNAPSTORE_S3_SECRET_ACCESS_KEY/);
    expect(() => blobStoreConfigFromEnv({ ...base, SNAPSTORE_S3_SECRET_ACCESS_KEY: "x" })).toThrow(/SNAPSTORE_S3_ACCESS_KEY_ID/);
    expect(() => blobStoreConfigFromEnv({ ...base, SNAPSTORE_S3_ENDPOINT: "minio:9000" })).toThrow(/SNAPSTORE_S3_ENDPOINT/);
    expect(() => blobStoreConfigFromEnv({ ...base, SNAPSTORE_S3_FORCE_PATH_STYLE: "maybe" })).toThrow(/SNAPSTORE_S3_FORCE_PATH_STYLE/);
    expect(() => blobStoreFromEnv({ ...base, SNAPSTORE_MAX_UPLOAD_BYTES: "6GiB" })).toThrow(/5 GiB single-PUT/);
  });

  it("builds an S3 store with the derived key layout", async () => {
    const store = blobStoreFromEnv({
      SNAPSTORE_BLOB_STORE: "s3",
      SNAPSTORE_S3_BUCKET: "snaps",
      SNAPSTORE_S3_ENDPOINT: "http://127.0.0.1:1",
      SNAPSTORE_S3_ACCESS_KEY_ID: "id",
      SNAPSTORE_S3_SECRET_ACCESS_KEY: "secret",
      SNAPSTORE_S3_PREFIX: "prod",
    }) as S3BlobStore;
    expect(store).toBeInstanceOf(S3BlobStore);
    expect(store.kind).toBe("s3");
    expect((store as BlobStore).localPath).toBeUndefined();
    expect(store.key("cd".repeat(48))).toBe(`prod/sha3-384/${"cd".repeat(48)}`);
    expect(() => store.key("nope")).toThrow(TypeError);
    await store.close();
  });
});

describe("normalizeS3Prefix", () => {
  it.each([
    [undefined, ""],
    ["", ""],
    ["/", ""],
    ["snapstore", "snapstore/"],
    ["/a/b/", "a/b/"],
  ])("%j -> %j", (input, out) => {
    expect(normalizeS3Prefix(input)).toBe(out);
  });
});

describe("createBlobStore", () => {
  it("validates maxUploadBytes", () => {
    expect(() => createBlobStore({ kind: "fs", dataDir: "/tmp/x", maxUploadBytes: -1 })).toThrow(RangeError);
    expect(() => createBlobStore({ kind: "nope" } as never)).toThrow(BlobStoreConfigError);
  });
});
