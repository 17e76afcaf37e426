/**
 * S3 (or S3-compatible: MinIO, Ceph RGW, R2, ...) blob store.
 *
 * Staging still spools to a local temp file because the squashfs reader needs
 * random access; commit() uploads it to `<prefix>sha3-384/<hex>`.
 */
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { normalizeSha3_384Hex } from "../snap/digest";
import { BlobNotFoundError, BlobStoreConfigError, RangeNotSatisfiableError } from "./errors";
import { BaseStagedBlob, checkMaxBytes, checkRange, DEFAULT_MAX_UPLOAD_BYTES, TempArea } from "./spool";
import type { BlobStore, ByteRange, S3BlobStoreConfig, StagedBlob, StageOptions, UploadBody } from "./types";

interface AwsLikeError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function httpStatus(err: unknown): number | undefined {
  return (err as AwsLikeError | null)?.$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const e = err as AwsLikeError | null;
  return httpStatus(err) === 404 || e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.Code === "NoSuchKey";
}

/** "snapstore" -> "snapstore/", "/a/b/" -> "a/b/", "" -> "". */
export function normalizeS3Prefix(prefix: string | undefined): string {
  const p = (prefix ?? "").trim().replace(/^\/+/, "");
  if (!p) return "";
  return p.endsWith("/") ? p : `${p}/`;
}

class S3StagedBlob extends BaseStagedBlob {
  constructor(
    temp: TempArea,
    private readonly store: S3BlobStore,
    path: string,
    sha3_384: string,
    size: number,
    private readonly md5: string,
  ) {
    super(temp, path, sha3_384, size);
  }

  protected async persist(): Promise<void> {
    // Content-addressed: an object of the right size is the same content.
    if ((await this.store.size(this.sha3_384)) !== this.size) {
      // A single PutObject accepts up to 5 GiB; uploads are capped at
      // DEFAULT_MAX_UPLOAD_BYTES = 4 GiB, so no multipart upload is needed.
      // The body streams from disk (bounded memory); ContentLength is required
      // for a streamed body, and Content-MD5 makes S3 reject a corrupted transfer.
      const body = createReadStream(this.path, { highWaterMark: 1024 * 1024 });
      try {
        await this.store.client.send(
          new PutObjectCommand({
            Bucket: this.store.bucket,
            Key: this.store.key(this.sha3_384),
            Body: body,
            ContentLength: this.size,
            ContentMD5: this.md5,
            ContentType: "application/octet-stream",
          }),
        );
      } finally {
        body.destroy();
      }
    }
    await rm(this.path, { force: true });
  }
}

/**
 * Some S3-compatible servers get ranges wrong (s3rver treats "bytes=0-0" as
 * "bytes=0-"; others ignore Range and answer 200 with the whole object). Use
 * the returned Content-Range to skip/trim so callers always get exactly the
 * bytes they asked for.
 */
export function trimToRange(body: Readable, contentRange: string | undefined, range: ByteRange): NodeJS.ReadableStream {
  const m = contentRange ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange.trim()) : null;
  const gotStart = m ? Number(m[1]) : 0; // no Content-Range: the server sent the whole object
  const gotEnd = m ? Number(m[2]) : Infinity;
  const wantEnd = range.end ?? Infinity;
  if (gotStart === range.start && gotEnd <= wantEnd) return body; // the normal case
  if (gotStart > range.start) {
    body.destroy();
    throw new Error(`S3 returned Content-Range ${contentRange} for a request starting at byte ${range.start}`);
  }
  let skip = range.start - gotStart;
  let left = wantEnd === Infinity ? Infinity : wantEnd - range.start + 1;
  let done = false;
  const trim = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (left <= 0) return cb();
      let c = chunk;
      if (skip > 0) {
        const n = Math.min(skip, c.length);
        skip -= n;
        c = c.subarray(n);
      }
      if (c.length > left) c = c.subarray(0, left);
      left -= c.length;
      if (c.length) this.push(c);
      if (left <= 0) {
        done = true;
        this.push(null); // stop downloading the rest
        body.unpipe(this);
        body.destroy();
      }
      cb();
    },
  });
  body.on("error", (err) => {
    if (!done) trim.destroy(err);
  });
  trim.on("close", () => body.destroy());
  return body.pipe(trim);
}

/** Largest object a single PutObject accepts. */
export const S3_MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

export class S3BlobStore implements BlobStore {
  readonly kind = "s3" as const;
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  readonly temp: TempArea;

  constructor(config: Omit<S3BlobStoreConfig, "kind">) {
    if (!config.bucket) throw new BlobStoreConfigError("S3 blob store: bucket is required");
    if (!config.dataDir) throw new BlobStoreConfigError("S3 blob store: dataDir is required (local staging area)");
    if (Boolean(config.accessKeyId) !== Boolean(config.secretAccessKey)) {
      throw new BlobStoreConfigError("S3 blob store: accessKeyId and secretAccessKey must be given together");
    }
    const maxBytes = checkMaxBytes(config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, "maxUploadBytes");
    if (maxBytes > S3_MAX_SINGLE_PUT_BYTES) {
      throw new BlobStoreConfigError(`S3 blob store: maxUploadBytes (${maxBytes}) exceeds the 5 GiB single-PUT limit; multipart upload is not implemented`);
    }
    this.bucket = config.bucket;
    this.prefix = normalizeS3Prefix(config.prefix);
    const dataDir = resolve(config.dataDir);
    // A runtime directory, not a source file: keep Turbopack's file tracing out of it (else it traces the whole project).
    this.temp = new TempArea(resolve(/*turbopackIgnore: true*/ config.tmpDir ?? join(dataDir, "tmp")), maxBytes);

    const clientConfig: S3ClientConfig = {
      region: config.region || "us-east-1",
      endpoint: config.endpoint || undefined,
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      // Newer SDKs add CRC trailers (aws-chunked encoding) to every PUT by
      // default, which many S3-compatible servers do not understand. We send
      // Content-MD5 ourselves instead.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    if (config.accessKeyId && config.secretAccessKey) {
      clientConfig.credentials = {
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.secretAccessKey,
        ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
      };
    }
    this.client = new S3Client(clientConfig);
  }

  key(sha3_384: string): string {
    return `${this.prefix}sha3-384/${normalizeSha3_384Hex(sha3_384)}`;
  }

  async stage(body: UploadBody, opts?: StageOptions): Promise<StagedBlob> {
    const r = await this.temp.spool(body, opts, { md5: true });
    return new S3StagedBlob(this.temp, this, r.path, r.sha3_384, r.size, r.md5!);
  }

  async has(sha3_384: string): Promise<boolean> {
    return (await this.size(sha3_384)) !== null;
  }

  async size(sha3_384: string): Promise<number | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha3_384) }));
      return res.ContentLength ?? null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async open(sha3_384: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const Key = this.key(sha3_384);
    checkRange(range);
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key,
          Range: range ? `bytes=${range.start}-${range.end ?? ""}` : undefined,
        }),
      );
      if (!res.Body) throw new Error(`S3 GetObject ${Key}: response has no body`);
      // In Node the SDK body is an http.IncomingMessage (a Readable).
      const body = res.Body as Readable;
      if (!range) return body;
      return trimToRange(body, res.ContentRange, range);
    } catch (err) {
      if (httpStatus(err) === 416 || (err as AwsLikeError | null)?.name === "InvalidRange") {
        throw new RangeNotSatisfiableError(await this.size(sha3_384).catch(() => null), { cause: err });
      }
      if (isNotFound(err)) throw new BlobNotFoundError(normalizeSha3_384Hex(sha3_384), { cause: err });
      throw err;
    }
  }

  async delete(sha3_384: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(sha3_384) }));
  }

  sweepStaleTemp(maxAgeMs?: number): Promise<number> {
    return this.temp.sweep(maxAgeMs);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
