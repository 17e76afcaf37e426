/**
 * Read-only squashfs 4.0 reader for uploaded .snap files.
 *
 * Reads only the blocks it needs through a ByteSource, so extracting meta/snap.yaml from a large
 * snap touches a few KiB. Inputs are treated as hostile: every malformed image fails with a
 * SquashfsError, decompression output is bounded per block (8 KiB metadata, block_size data), and
 * total metadata work is bounded by `maxMetadataBytes`.
 *
 * Supported compression: xz, gzip (zlib), lzo, zstd. lzma (legacy) and lz4 are refused with
 * "unsupported-compression" (as are xz streams using BCJ/delta filters, which lzma-rs cannot decode).
 * Xattrs and the NFS export table are ignored.
 *
 * The caller owns the ByteSource: openSquashfs never closes it, also not on failure.
 * Path semantics: stat/readFile do not follow a final symlink (readFile of a symlink is "not-a-file");
 * readdir does. Symlinks met on the way are followed inside the image only (chroot semantics,
 * at most 40). stat returns null for "not-found" and "not-a-directory".
 */
export { SquashfsError, type SquashfsErrorCode } from "./errors";
export { bufferSource, fileSource, type ByteSource } from "./source";
export type { Compression } from "./compress";
export { openSquashfs, type SquashfsEntry, type SquashfsImage, type SquashfsLimits } from "./image";
