// Runs once when a server instance starts (server/serve.ts, `next dev`): the recovery sweep of
// interrupted uploads, at start and then every minute (lib/server/recovery.ts), and the catalogue
// generation handed to the page cache in front of Next (server/page-cache.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb }, { getBlobStore }, { startRecovery }, { catalogueGeneration }, { CATALOGUE_GENERATION_HOOK }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/storage"),
    import("@/lib/server/recovery"),
    import("@/lib/server/store-cache"),
    import("@/lib/catalogue/generation-cache"),
  ]);
  startRecovery(getDb(), getBlobStore);
  (globalThis as Record<symbol, unknown>)[CATALOGUE_GENERATION_HOOK] = () => catalogueGeneration(getDb());
}
