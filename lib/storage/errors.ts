/** Errors thrown by the blob store. Each has a stable `code` for API responses. */
import { formatLimit } from "../vocabulary";

/** The upload exceeded `maxBytes`; thrown as soon as the limit is crossed (map to HTTP 413). */
export class UploadTooLargeError extends Error {
  readonly code = "upload-too-large" as const;
  readonly limit: number;
  constructor(limit: number) {
    super(`upload exceeds the maximum size of ${formatLimit(limit)} (${limit} bytes)`);
    this.name = "UploadTooLargeError";
    this.limit = limit;
  }
}

/**
 * The body stream errored or was aborted (client disconnect, AbortSignal, ...)
 * before it ended. The original error, if any, is in `cause`.
 */
export class UploadAbortedError extends Error {
  readonly code = "upload-aborted" as const;
  constructor(message = "upload was aborted before it completed", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UploadAbortedError";
  }
}

/** The body ended without a single byte (map to HTTP 400). */
export class EmptyUploadError extends Error {
  readonly code = "empty-upload" as const;
  constructor() {
    super("upload is empty");
    this.name = "EmptyUploadError";
  }
}

/** `open()` of a digest that is not stored (map to HTTP 404). */
export class BlobNotFoundError extends Error {
  readonly code = "blob-not-found" as const;
  readonly sha3_384: string;
  constructor(sha3_384: string, options?: { cause?: unknown }) {
    super(`blob sha3-384:${sha3_384} not found`, options);
    this.name = "BlobNotFoundError";
    this.sha3_384 = sha3_384;
  }
}

/** `open()` with a range that starts at or beyond the end of the blob (map to HTTP 416). */
export class RangeNotSatisfiableError extends Error {
  readonly code = "range-not-satisfiable" as const;
  readonly size: number | null;
  constructor(size: number | null, options?: { cause?: unknown }) {
    super(`requested range not satisfiable${size === null ? "" : ` (blob size ${size})`}`, options);
    this.name = "RangeNotSatisfiableError";
    this.size = size;
  }
}

/** Invalid SNAPSTORE_* storage configuration. */
export class BlobStoreConfigError extends Error {
  readonly code = "blob-store-config" as const;
  constructor(message: string) {
    super(message);
    this.name = "BlobStoreConfigError";
  }
}
