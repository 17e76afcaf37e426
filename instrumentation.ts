// Runs once when a server instance starts (`next start`, `next dev`): the recovery sweep of
// interrupted uploads, at start and then every minute (lib/server/recovery.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb }, { getBlobStore }, { startRecovery }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/storage"),
    import("@/lib/server/recovery"),
  ]);
  startRecovery(getDb(), getBlobStore);
}
