import { inflateSync } from "node:zlib";
import { SquashfsError, corrupt } from "../errors";

/** squashfs "gzip" is a zlib stream (compress2). maxOutputLength makes zlib stop at the bound. */
export function gzipDecompress(input: Uint8Array, maxOut: number): Buffer {
  try {
    return inflateSync(input, { maxOutputLength: maxOut });
  } catch (e) {
    if ((e as { code?: string })?.code === "ERR_BUFFER_TOO_LARGE") {
      throw new SquashfsError("decompression-bomb", `zlib block decompresses to more than ${maxOut} bytes`);
    }
    throw corrupt(`zlib decompression failed: ${(e as Error)?.message ?? e}`, e);
  }
}
