/**
 * Content-addressed blob storage for .snap files. See ./types.ts for the
 * upload lifecycle (stage -> read -> commit | discard).
 *
 * Not `server-only`: also used by the CLI and tests.
 */
export type {
  BlobStore,
  BlobStoreConfig,
  BlobStoreCommonConfig,
  ByteRange,
  FsBlobStoreConfig,
  S3BlobStoreConfig,
  StagedBlob,
  StageOptions,
  UploadBody,
} from "./types";
export { BlobNotFoundError, BlobStoreConfigError, EmptyUploadError, RangeNotSatisfiableError, UploadAbortedError, UploadTooLargeError } from "./errors";
export { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_STALE_TEMP_AGE_MS } from "./spool";
export { FsBlobStore } from "./fs";
export { S3BlobStore, S3_MAX_SINGLE_PUT_BYTES, normalizeS3Prefix } from "./s3";
export { DEFAULT_DATA_DIR, blobStoreConfigFromEnv, blobStoreFromEnv, createBlobStore, maxUploadBytesFromEnv, type Env } from "./config";
export { getBlobStore, setBlobStoreForProcess } from "./current";
export { blobByteSource } from "./random-access";
export { sniffImage, type ImageType } from "./sniff";
