/**
 * Content-addressed blob storage for uploaded .snap files.
 *
 * Lifecycle of an upload:
 *
 *   const staged = await store.stage(request.body, { maxBytes, signal: request.signal });
 *   try {
 *     const info = await readSnap(staged.path);   // random-access reads of a local file
 *     await db.createRevision({ sha3_384: staged.sha3_384, size: staged.size, ... });
 *     await staged.commit();                       // now addressable by digest
 *   } finally {
 *     await staged.discard();                      // no-op after a successful commit
 *   }
 *
 * Nothing is kept on failure: `stage()` deletes its temp file itself when the
 * body errors, is aborted or is too large, and `discard()` removes it otherwise.
 */

/** A request body: a Node stream (IncomingMessage, fs stream, ...) or a WHATWG stream (Next route `request.body`). */
export type UploadBody = NodeJS.ReadableStream | ReadableStream<Uint8Array>;

export interface StageOptions {
  /**
   * Maximum accepted size in bytes. Enforced while the body streams in: as soon
   * as the limit is crossed reading stops, the temp file is removed and
   * UploadTooLargeError is thrown. Defaults to the store's `maxUploadBytes`
   * (DEFAULT_MAX_UPLOAD_BYTES unless configured); `Infinity` disables the limit.
   */
  maxBytes?: number;
  /** Aborting stops reading, removes the temp file and rejects with UploadAbortedError. */
  signal?: AbortSignal;
  /** Called with the cumulative byte count after each chunk (not throttled; keep it cheap). */
  onProgress?: (bytes: number) => void;
}

export interface StagedBlob {
  /** Local temp file (`<dataDir>/tmp/<random>.part`) the squashfs reader can open. Valid until commit()/discard(). */
  readonly path: string;
  /** Lowercase hex SHA3-384 of the content. */
  readonly sha3_384: string;
  /** Size in bytes (always > 0). */
  readonly size: number;
  /**
   * Moves (fs) or uploads (s3) the temp file to its content address, then removes
   * the temp. Idempotent (concurrent calls share one operation). If the digest is
   * already stored, just drops the temp. On failure the temp is kept so the call
   * can be retried; call discard() to give up. Throws after discard().
   */
  commit(): Promise<void>;
  /** Removes the temp file. Idempotent; a no-op after a successful commit (never deletes the committed blob). */
  discard(): Promise<void>;
}

export interface ByteRange {
  /** First byte, 0-based. */
  start: number;
  /** Last byte, INCLUSIVE (as in an HTTP Range header). Clamped to the blob's last byte; omitted = to the end. */
  end?: number;
}

export interface BlobStore {
  readonly kind: "fs" | "s3";
  /** Spools `body` to a local temp file while hashing it. See StageOptions for limits/abort. */
  stage(body: UploadBody, opts?: StageOptions): Promise<StagedBlob>;
  has(sha3_384: string): Promise<boolean>;
  /** Size in bytes, or null when not stored. */
  size(sha3_384: string): Promise<number | null>;
  /**
   * Opens a stored blob for download. Throws BlobNotFoundError when missing and
   * RangeNotSatisfiableError when `range.start` is at/after the end. Invalid
   * range arguments (negative, non-integer, end < start) throw a RangeError.
   */
  open(sha3_384: string, range?: ByteRange): Promise<NodeJS.ReadableStream>;
  /** Removes a blob; a no-op when it does not exist. */
  delete(sha3_384: string): Promise<void>;
  /** fs driver only: absolute path of a committed blob (whether or not it exists). */
  localPath?(sha3_384: string): string;
  /**
   * Removes `tmp/*.part` files older than `maxAgeMs` (default one day) left by
   * crashed processes; files staged by this store instance are never removed.
   * Returns the number of files removed.
   */
  sweepStaleTemp(maxAgeMs?: number): Promise<number>;
  /** Releases resources (S3 client sockets). Optional. */
  close?(): Promise<void>;
}

export interface BlobStoreCommonConfig {
  /** Root data directory. Temp files go to `<dataDir>/tmp` (fs blobs to `<dataDir>/blobs`). */
  dataDir: string;
  /** Override the temp directory (default `<dataDir>/tmp`). Prefer the same filesystem as the blobs. */
  tmpDir?: string;
  /** Default for StageOptions.maxBytes (default DEFAULT_MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
}

export interface FsBlobStoreConfig extends BlobStoreCommonConfig {
  kind: "fs";
}

export interface S3BlobStoreConfig extends BlobStoreCommonConfig {
  kind: "s3";
  bucket: string;
  /** e.g. http://127.0.0.1:9000 for MinIO; omit for AWS. */
  endpoint?: string;
  /** Default "us-east-1". */
  region?: string;
  /** Omit both to use the AWS SDK default credential chain (env, profile, IAM role, ...). */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Default: true when `endpoint` is set, else false. */
  forcePathStyle?: boolean;
  /** Key prefix, e.g. "snapstore/"; a trailing "/" is added when missing. Keys are `<prefix>sha3-384/<hex>`. */
  prefix?: string;
}

export type BlobStoreConfig = FsBlobStoreConfig | S3BlobStoreConfig;
