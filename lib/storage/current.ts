// The process-wide blob store, built once from the SNAPSTORE_* environment. Kept on globalThis so
// Next's module duplication (route bundles, hot reload) still shares one store per process.
import { blobStoreFromEnv } from "./config";
import type { BlobStore } from "./types";

const g = globalThis as unknown as { snapstoreBlobStore?: BlobStore };

/** The process-wide blob store (SNAPSTORE_* environment). */
export function getBlobStore(): BlobStore {
  return (g.snapstoreBlobStore ??= blobStoreFromEnv());
}

/** Tests point the process at another store. */
export function setBlobStoreForProcess(store: BlobStore): void {
  g.snapstoreBlobStore = store;
}
