/**
 * Blob store construction from explicit config or SNAPSTORE_* environment variables.
 */
import { BlobStoreConfigError } from "./errors";
import { FsBlobStore } from "./fs";
import { S3BlobStore } from "./s3";
import { DEFAULT_MAX_UPLOAD_BYTES } from "./spool";
import type { BlobStore, BlobStoreConfig } from "./types";

export type Env = Record<string, string | undefined>;

export const DEFAULT_DATA_DIR = "./data";

export function createBlobStore(config: BlobStoreConfig): BlobStore {
  switch (config.kind) {
    case "fs":
      return new FsBlobStore(config);
    case "s3":
      return new S3BlobStore(config);
    default:
      throw new BlobStoreConfigError(`unknown blob store kind ${JSON.stringify((config as { kind?: unknown }).kind)}`);
  }
}

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/**
 * SNAPSTORE_MAX_UPLOAD_BYTES: a positive integer number of bytes, optionally
 * with a unit (K/M/G and KiB/MiB/GiB are binary, KB/MB/GB decimal), e.g.
 * "4294967296", "512MiB", "2G". Unset or empty: DEFAULT_MAX_UPLOAD_BYTES (4 GiB).
 */
export function maxUploadBytesFromEnv(env: Env = process.env): number {
  const raw = env.SNAPSTORE_MAX_UPLOAD_BYTES?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES;
  const m = /^(\d+)\s*([a-z]*)$/i.exec(raw);
  const mult = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  const value = m && mult !== undefined ? Number(m[1]) * mult : NaN;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new BlobStoreConfigError(`SNAPSTORE_MAX_UPLOAD_BYTES must be a positive number of bytes (e.g. 4294967296 or 4GiB), got ${JSON.stringify(raw)}`);
  }
  return value;
}

function parseBool(name: string, raw: string | undefined): boolean | undefined {
  const v = raw?.trim().toLowerCase();
  if (!v) return undefined;
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  throw new BlobStoreConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/**
 * Reads the blob store configuration from the environment (without creating it).
 *
 *   SNAPSTORE_BLOB_STORE             "fs" (default) | "s3"
 *   SNAPSTORE_DATA_DIR               default "./data"; fs blobs in <dataDir>/blobs, temp files in <dataDir>/tmp (both drivers)
 *   SNAPSTORE_MAX_UPLOAD_BYTES       see maxUploadBytesFromEnv
 *   SNAPSTORE_S3_BUCKET              required for s3
 *   SNAPSTORE_S3_ENDPOINT            optional (MinIO etc.), must be an http(s) URL
 *   SNAPSTORE_S3_REGION              default AWS_REGION, then "us-east-1"
 *   SNAPSTORE_S3_ACCESS_KEY_ID       default AWS_ACCESS_KEY_ID
 *   SNAPSTORE_S3_SECRET_ACCESS_KEY   default AWS_SECRET_ACCESS_KEY
 *   SNAPSTORE_S3_SESSION_TOKEN       default AWS_SESSION_TOKEN
 *       (no keys at all: the AWS SDK default credential chain, e.g. an IAM role)
 *   SNAPSTORE_S3_FORCE_PATH_STYLE    default true when an endpoint is set
 *   SNAPSTORE_S3_PREFIX              optional key prefix ("snapstore/")
 */
export function blobStoreConfigFromEnv(env: Env = process.env): BlobStoreConfig {
  const kind = (nonEmpty(env.SNAPSTORE_BLOB_STORE) ?? "fs").toLowerCase();
  const dataDir = nonEmpty(env.SNAPSTORE_DATA_DIR) ?? DEFAULT_DATA_DIR;
  const maxUploadBytes = maxUploadBytesFromEnv(env);
  if (kind === "fs") return { kind: "fs", dataDir, maxUploadBytes };
  if (kind !== "s3") {
    throw new BlobStoreConfigError(`SNAPSTORE_BLOB_STORE must be "fs" or "s3", got ${JSON.stringify(env.SNAPSTORE_BLOB_STORE)}`);
  }

  const bucket = nonEmpty(env.SNAPSTORE_S3_BUCKET);
  if (!bucket) throw new BlobStoreConfigError("SNAPSTORE_S3_BUCKET is required when SNAPSTORE_BLOB_STORE=s3");
  const endpoint = nonEmpty(env.SNAPSTORE_S3_ENDPOINT);
  if (endpoint) {
    let url: URL | null = null;
    try {
      url = new URL(endpoint);
    } catch {
      // handled below
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new BlobStoreConfigError(`SNAPSTORE_S3_ENDPOINT must be an http(s) URL such as http://127.0.0.1:9000, got ${JSON.stringify(endpoint)}`);
    }
  }
  const accessKeyId = nonEmpty(env.SNAPSTORE_S3_ACCESS_KEY_ID) ?? nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.SNAPSTORE_S3_SECRET_ACCESS_KEY) ?? nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (accessKeyId && !secretAccessKey) {
    throw new BlobStoreConfigError("SNAPSTORE_S3_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY) is required when an access key id is set");
  }
  if (secretAccessKey && !accessKeyId) {
    throw new BlobStoreConfigError("SNAPSTORE_S3_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID) is required when a secret access key is set");
  }
  const forcePathStyle = parseBool("SNAPSTORE_S3_FORCE_PATH_STYLE", env.SNAPSTORE_S3_FORCE_PATH_STYLE) ?? Boolean(endpoint);
  return {
    kind: "s3",
    dataDir,
    maxUploadBytes,
    bucket,
    endpoint,
    region: nonEmpty(env.SNAPSTORE_S3_REGION) ?? nonEmpty(env.AWS_REGION) ?? "us-east-1",
    accessKeyId,
    secretAccessKey,
    sessionToken: accessKeyId ? (nonEmpty(env.SNAPSTORE_S3_SESSION_TOKEN) ?? nonEmpty(env.AWS_SESSION_TOKEN)) : undefined,
    forcePathStyle,
    prefix: nonEmpty(env.SNAPSTORE_S3_PREFIX),
  };
}

/** Creates the blob store described by the environment (see blobStoreConfigFromEnv). */
export function blobStoreFromEnv(env: Env = process.env): BlobStore {
  return createBlobStore(blobStoreConfigFromEnv(env));
}
