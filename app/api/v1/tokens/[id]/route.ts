import { apiRoute } from "@/lib/api/handler";
import { revokeToken } from "@/lib/server/tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({}, async ({ db, user, params }) => ({ token: await revokeToken(db, user, params.id) }));
