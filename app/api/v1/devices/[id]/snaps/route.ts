import { apiRoute } from "@/lib/api/handler";
import { installSnapSchema } from "@/lib/schemas/devices";
import { deviceSnaps, installSnap } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** The `snap list` rows. */
export const GET = apiRoute({}, async ({ db, user, params }) => ({ snaps: await deviceSnaps(db, user, params.id) }));

/** `snap install`. */
export const POST = apiRoute({ body: installSnapSchema }, async ({ db, user, params, body }) => installSnap(db, user, params.id, body));
