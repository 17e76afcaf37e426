import { apiRoute } from "@/lib/api/handler";
import { deviceChanges } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** `snap changes`. */
export const GET = apiRoute({}, async ({ db, user, params }) => ({
  changes: (await deviceChanges(db, user, params.id)).map((c) => ({ ...c, spawnedAt: c.spawnedAt.toISOString(), readyAt: c.readyAt?.toISOString() ?? null })),
}));
