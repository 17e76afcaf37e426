import { open } from "node:fs/promises";
import { SquashfsError } from "./errors";

/**
 * Random-access bytes. The reader only ever asks for small ranges (superblock, metadata blocks,
 * data blocks), so a 60 MB upload is never loaded into memory as a whole.
 */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `position`; rejects with a "truncated" SquashfsError past the end. */
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

function checkRange(size: number, position: number, length: number): void {
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0 || position + length > size) {
    throw new SquashfsError("truncated", `read of ${length} bytes at offset ${position} is outside the ${size}-byte image`);
  }
}

/** Positional reads through a FileHandle (no shared file offset, so concurrent reads are safe). */
export async function fileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, "r");
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (e) {
    await handle.close();
    throw e;
  }
  let closed = false;
  return {
    size,
    async read(position, length) {
      checkRange(size, position, length);
      if (closed) throw new Error("fileSource: read after close");
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, position + done);
        // The file shrank underneath us: treat like a truncated image.
        if (bytesRead === 0) throw new SquashfsError("truncated", `unexpected end of file at ${position + done}`);
        done += bytesRead;
      }
      return buf;
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/** In-memory source (tests, small uploads already buffered). Returned slices share memory. */
export function bufferSource(buf: Buffer): ByteSource {
  return {
    size: buf.length,
    async read(position, length) {
      checkRange(buf.length, position, length);
      return buf.subarray(position, position + length);
    },
    async close() {},
  };
}
