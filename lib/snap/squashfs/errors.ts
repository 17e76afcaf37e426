/**
 * The one error type the squashfs reader throws. Callers (the upload pipeline) map `code` to a
 * person-readable rejection; anything else escaping the reader is a bug.
 */
export type SquashfsErrorCode =
  | "not-squashfs"
  | "unsupported-version"
  | "unsupported-compression"
  | "truncated"
  | "corrupt"
  | "decompression-bomb"
  | "not-found"
  | "not-a-file"
  | "not-a-directory"
  | "too-large"
  | "symlink-loop";

export class SquashfsError extends Error {
  readonly code: SquashfsErrorCode;
  constructor(code: SquashfsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SquashfsError";
    this.code = code;
  }
}

export function corrupt(message: string, cause?: unknown): SquashfsError {
  return new SquashfsError("corrupt", message, cause === undefined ? undefined : { cause });
}
