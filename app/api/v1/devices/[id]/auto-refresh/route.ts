import { apiRoute } from "@/lib/api/handler";
import { autoRefresh } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** Run the simulated refresh timer now: {refreshed: [{name, output, notes}], skipped: [{name, reason}]}. */
export const POST = apiRoute({}, async ({ db, user, params }) => autoRefresh(db, user, params.id));
