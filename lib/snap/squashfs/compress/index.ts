import { SquashfsError } from "../errors";
import { gzipDecompress } from "./gzip";
import { lzo1xDecompress } from "./lzo";
import { xzDecompress } from "./xz";
import { zstdDecompress } from "./zstd";

export type Compression = "gzip" | "lzma" | "lzo" | "xz" | "lz4" | "zstd";

/** Decompress one block to at most `maxOut` bytes; throws SquashfsError (corrupt / decompression-bomb). */
export type Decompressor = (input: Uint8Array, maxOut: number) => Buffer;

/** squashfs compression ids (superblock field). */
export const COMPRESSION_IDS: Record<number, Compression> = {
  1: "gzip",
  2: "lzma",
  3: "lzo",
  4: "xz",
  5: "lz4",
  6: "zstd",
};

/**
 * lzma (legacy LZMA1, id 2) and lz4 are not supported: neither snapd nor mksquashfs defaults use
 * them, and no bounded decoder is available here. Such images fail with "unsupported-compression".
 */
export function decompressorFor(compression: Compression): Decompressor {
  switch (compression) {
    case "gzip":
      return gzipDecompress;
    case "xz":
      return xzDecompress;
    case "lzo":
      return lzo1xDecompress;
    case "zstd":
      return zstdDecompress;
    default:
      throw new SquashfsError("unsupported-compression", `squashfs compression "${compression}" is not supported`);
  }
}
