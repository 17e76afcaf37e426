import { apiRoute } from "@/lib/api/handler";
import { removeSnap } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** `snap remove`. */
export const DELETE = apiRoute({}, async ({ db, user, params }) => removeSnap(db, user, params.id, params.name));
