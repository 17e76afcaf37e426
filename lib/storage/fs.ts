/**
 * Filesystem blob store: `<dataDir>/blobs/sha3-384/<aa>/<hex>`, temp files in `<dataDir>/tmp`.
 */
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { normalizeSha3_384Hex } from "../snap/digest";
import { BlobNotFoundError, RangeNotSatisfiableError } from "./errors";
import { BaseStagedBlob, checkMaxBytes, checkRange, DEFAULT_MAX_UPLOAD_BYTES, TempArea } from "./spool";
import type { BlobStore, ByteRange, FsBlobStoreConfig, StagedBlob, StageOptions, UploadBody } from "./types";

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const st = await stat(path);
    return st.isFile() ? st.size : null;
  } catch (err) {
    if (errno(err) === "ENOENT" || errno(err) === "ENOTDIR") return null;
    throw err;
  }
}

class FsStagedBlob extends BaseStagedBlob {
  constructor(
    temp: TempArea,
    private readonly store: FsBlobStore,
    path: string,
    sha3_384: string,
    size: number,
  ) {
    super(temp, path, sha3_384, size);
  }

  protected async persist(): Promise<void> {
    const dest = this.store.localPath(this.sha3_384);
    // Content-addressed: an existing file of the right size is the same content.
    if ((await fileSize(dest)) === this.size) {
      await rm(this.path, { force: true });
      return;
    }
    await mkdir(dirname(dest), { recursive: true });
    try {
      // Same filesystem (the default layout): atomic rename, no copy.
      await rename(this.path, dest);
    } catch (err) {
      if (errno(err) !== "EXDEV") throw err;
      // tmpDir on another filesystem: copy next to the destination, then rename
      // into place so readers never see a partial blob.
      const side = `${dest}.tmp-${randomBytes(6).toString("hex")}`;
      try {
        await copyFile(this.path, side);
        await rename(side, dest);
      } catch (copyErr) {
        await rm(side, { force: true });
        throw copyErr;
      }
      await rm(this.path, { force: true });
    }
  }
}

export class FsBlobStore implements BlobStore {
  readonly kind = "fs" as const;
  readonly dataDir: string;
  readonly blobDir: string;
  readonly temp: TempArea;

  constructor(config: Omit<FsBlobStoreConfig, "kind">) {
    this.dataDir = resolve(config.dataDir);
    this.blobDir = join(this.dataDir, "blobs", "sha3-384");
    const maxBytes = checkMaxBytes(config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, "maxUploadBytes");
    // A runtime directory, not a source file: keep Turbopack's file tracing out of it (else it traces the whole project).
    this.temp = new TempArea(resolve(/*turbopackIgnore: true*/ config.tmpDir ?? join(this.dataDir, "tmp")), maxBytes);
  }

  localPath(sha3_384: string): string {
    const hex = normalizeSha3_384Hex(sha3_384);
    return join(this.blobDir, hex.slice(0, 2), hex);
  }

  async stage(body: UploadBody, opts?: StageOptions): Promise<StagedBlob> {
    const r = await this.temp.spool(body, opts);
    return new FsStagedBlob(this.temp, this, r.path, r.sha3_384, r.size);
  }

  async has(sha3_384: string): Promise<boolean> {
    return (await fileSize(this.localPath(sha3_384))) !== null;
  }

  size(sha3_384: string): Promise<number | null> {
    return fileSize(this.localPath(sha3_384));
  }

  async open(sha3_384: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const path = this.localPath(sha3_384);
    checkRange(range);
    let fh;
    try {
      fh = await open(path, "r");
    } catch (err) {
      if (errno(err) === "ENOENT" || errno(err) === "ENOTDIR") throw new BlobNotFoundError(normalizeSha3_384Hex(sha3_384), { cause: err });
      throw err;
    }
    try {
      if (!range) return fh.createReadStream();
      const { size } = await fh.stat();
      if (range.start >= size) throw new RangeNotSatisfiableError(size);
      const end = Math.min(range.end ?? size - 1, size - 1);
      return fh.createReadStream({ start: range.start, end });
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async delete(sha3_384: string): Promise<void> {
    await rm(this.localPath(sha3_384), { force: true });
  }

  sweepStaleTemp(maxAgeMs?: number): Promise<number> {
    return this.temp.sweep(maxAgeMs);
  }

  async close(): Promise<void> {}
}
