/**
 * Shared staging machinery: spool a request body to `<tmpDir>/<random>.part`
 * while hashing it, plus the commit/discard state machine for StagedBlob.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { DigestStream } from "../snap/digest";
import { EmptyUploadError, UploadAbortedError, UploadTooLargeError } from "./errors";
import type { StagedBlob, StageOptions, UploadBody } from "./types";

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
export const DEFAULT_STALE_TEMP_AGE_MS = 24 * 60 * 60 * 1000;
const TEMP_SUFFIX = ".part";

export interface SpoolResult {
  path: string;
  sha3_384: string;
  size: number;
  /** Base64 MD5, when requested. */
  md5?: string;
}

function isWebStream(body: UploadBody): body is ReadableStream<Uint8Array> {
  const b = body as { getReader?: unknown; pipe?: unknown };
  return typeof b.getReader === "function" && typeof b.pipe !== "function";
}

function cancelBody(body: UploadBody, reason: unknown): void {
  try {
    if (isWebStream(body)) {
      body.cancel(reason).catch(() => {});
    } else {
      (body as { destroy?: (err?: Error) => void }).destroy?.();
    }
  } catch {
    // locked / already closed: nothing more we can do
  }
}

export function checkMaxBytes(maxBytes: number, what = "maxBytes"): number {
  if (typeof maxBytes !== "number" || Number.isNaN(maxBytes) || maxBytes <= 0 || (Number.isFinite(maxBytes) && !Number.isInteger(maxBytes))) {
    throw new RangeError(`${what} must be a positive integer or Infinity, got ${String(maxBytes)}`);
  }
  return maxBytes;
}

/** Counts bytes, enforces the size limit before forwarding a chunk that would cross it, reports progress. */
class MeterStream extends Transform {
  bytes = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly onProgress?: (bytes: number) => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.bytes + chunk.length > this.maxBytes) {
      callback(new UploadTooLargeError(this.maxBytes));
      return;
    }
    this.bytes += chunk.length;
    if (this.onProgress) {
      try {
        this.onProgress(this.bytes);
      } catch (err) {
        callback(err as Error);
        return;
      }
    }
    callback(null, chunk);
  }
}

function waitClosed(ws: WriteStream): Promise<void> {
  if (ws.closed) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once("close", () => resolve());
    if (!ws.destroyed) ws.destroy();
  });
}

/** Owns a temp directory; tracks files staged by this process so the sweeper leaves them alone. */
export class TempArea {
  readonly active = new Set<string>();
  #dirReady: Promise<void> | null = null;

  constructor(
    readonly dir: string,
    readonly defaultMaxBytes: number,
  ) {}

  ensureDir(): Promise<void> {
    if (!this.#dirReady) {
      this.#dirReady = mkdir(this.dir, { recursive: true }).then(
        () => undefined,
        (err) => {
          this.#dirReady = null;
          throw err;
        },
      );
    }
    return this.#dirReady;
  }

  async spool(body: UploadBody, opts: StageOptions = {}, extra: { md5?: boolean } = {}): Promise<SpoolResult> {
    const maxBytes = checkMaxBytes(opts.maxBytes ?? this.defaultMaxBytes);
    const { signal } = opts;
    if (signal?.aborted) {
      cancelBody(body, signal.reason);
      throw new UploadAbortedError(undefined, { cause: signal.reason });
    }
    try {
      await this.ensureDir();
    } catch (err) {
      cancelBody(body, err);
      throw err;
    }

    const source: NodeJS.ReadableStream = isWebStream(body) ? Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>) : body;
    const path = join(this.dir, randomBytes(16).toString("hex") + TEMP_SUFFIX);
    this.active.add(path);

    const meter = new MeterStream(maxBytes, opts.onProgress);
    const digest = new DigestStream({ md5: extra.md5 });
    const out = createWriteStream(path, { flags: "wx" });

    // Which stream failed first decides the error class: pipeline() destroys
    // the others with the same error, but only after the originator emitted.
    let origin: "out" | "other" | null = null;
    const onOutError = () => void (origin ??= "out");
    const onOtherError = () => void (origin ??= "other");
    out.on("error", onOutError);
    source.on("error", onOtherError);
    meter.on("error", onOtherError);
    digest.on("error", onOtherError);

    try {
      await pipeline(source, meter, digest, out, signal ? { signal } : {});
    } catch (err) {
      await waitClosed(out);
      await rm(path, { force: true });
      this.active.delete(path);
      if (err instanceof UploadTooLargeError) throw err;
      if (signal?.aborted) throw new UploadAbortedError(undefined, { cause: signal.reason });
      if (origin === "out") throw err; // local I/O failure (ENOSPC, EACCES, ...): not the client's fault
      const msg = err instanceof Error ? err.message : String(err);
      throw new UploadAbortedError(`upload failed while receiving the body: ${msg}`, { cause: err });
    }
    // The error listeners stay attached on purpose: a late 'error' from an
    // already-destroyed body must not become an uncaught exception.

    if (digest.size === 0) {
      await rm(path, { force: true });
      this.active.delete(path);
      throw new EmptyUploadError();
    }
    return {
      path,
      sha3_384: digest.digestHex(),
      size: digest.size,
      md5: extra.md5 ? digest.md5Base64() : undefined,
    };
  }

  async sweep(maxAgeMs: number = DEFAULT_STALE_TEMP_AGE_MS): Promise<number> {
    if (!(maxAgeMs >= 0)) throw new RangeError(`maxAgeMs must be >= 0, got ${maxAgeMs}`);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw err;
    }
    const cutoff = Date.now() - maxAgeMs;
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith(TEMP_SUFFIX)) continue;
      const p = join(this.dir, name);
      if (this.active.has(p)) continue;
      try {
        const st = await stat(p);
        if (!st.isFile() || st.mtimeMs > cutoff) continue;
        await rm(p, { force: true });
        removed++;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
    return removed;
  }
}

/** commit()/discard() state machine; drivers implement `persist()`. */
export abstract class BaseStagedBlob implements StagedBlob {
  #state: "staged" | "committed" | "discarded" = "staged";
  #committing: Promise<void> | null = null;

  constructor(
    protected readonly temp: TempArea,
    readonly path: string,
    readonly sha3_384: string,
    readonly size: number,
  ) {}

  /** Copy/move the temp file to the content address and remove the temp file. */
  protected abstract persist(): Promise<void>;

  commit(): Promise<void> {
    if (this.#state === "committed") return Promise.resolve();
    if (this.#state === "discarded") return Promise.reject(new Error(`staged blob ${this.sha3_384} was discarded; cannot commit`));
    if (!this.#committing) {
      this.#committing = this.persist().then(
        async () => {
          this.#state = "committed";
          await rm(this.path, { force: true }); // normally already gone
          this.temp.active.delete(this.path);
        },
        (err) => {
          this.#committing = null;
          throw err;
        },
      );
    }
    return this.#committing;
  }

  async discard(): Promise<void> {
    if (this.#committing) await this.#committing.catch(() => {});
    if (this.#state !== "staged") return;
    this.#state = "discarded";
    await rm(this.path, { force: true });
    this.temp.active.delete(this.path);
  }
}

const RANGE_INT = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/** Validates open() range arguments (not against the blob size). */
export function checkRange(range: { start: number; end?: number } | undefined): void {
  if (!range) return;
  if (!RANGE_INT(range.start)) throw new RangeError(`range.start must be a non-negative integer, got ${String(range.start)}`);
  if (range.end !== undefined) {
    if (!RANGE_INT(range.end)) throw new RangeError(`range.end must be a non-negative integer, got ${String(range.end)}`);
    if (range.end < range.start) throw new RangeError(`range.end (${range.end}) is before range.start (${range.start})`);
  }
}
