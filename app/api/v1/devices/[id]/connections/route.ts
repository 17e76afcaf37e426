import { apiRoute } from "@/lib/api/handler";
import { connectionSchema } from "@/lib/schemas/devices";
import { connectPlug, deviceConnections, disconnectPlug } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** `snap connections` with unconnected plugs: [{interface, plug, slot, manual}] (`?snap=NAME` narrows). */
export const GET = apiRoute({}, async ({ db, user, params, req }) => ({
  connections: await deviceConnections(db, user, params.id, req.nextUrl.searchParams.get("snap") ?? undefined),
}));

/** `snap connect PLUG [SLOT]`. */
export const POST = apiRoute({ body: connectionSchema }, async ({ db, user, params, body }) => connectPlug(db, user, params.id, body.plug, body.slot));

/** `snap disconnect PLUG [SLOT]`. */
export const DELETE = apiRoute({ body: connectionSchema }, async ({ db, user, params, body }) => disconnectPlug(db, user, params.id, body.plug, body.slot));
