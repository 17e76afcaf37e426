// Random access to a stored blob, for the squashfs reader: the local file when the store has one
// (fs driver), ranged reads otherwise (S3), so reading meta/gui/icon.png never downloads the snap.
import { fileSource, type ByteSource } from "../snap/squashfs";
import { BlobNotFoundError } from "./errors";
import type { BlobStore } from "./types";

/** A ByteSource over a stored blob; BlobNotFoundError when the store does not have it. */
export async function blobByteSource(store: BlobStore, sha3_384: string): Promise<ByteSource> {
  if (store.localPath) return fileSource(store.localPath(sha3_384));
  const size = await store.size(sha3_384);
  if (size === null) throw new BlobNotFoundError(sha3_384);
  return {
    size,
    async read(position, length) {
      if (length === 0) return Buffer.alloc(0);
      const stream = await store.open(sha3_384, { start: position, end: position + length - 1 });
      const chunks: Buffer[] = [];
      for await (const c of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
      return Buffer.concat(chunks);
    },
    async close() {},
  };
}
