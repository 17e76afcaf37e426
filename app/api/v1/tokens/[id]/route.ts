import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { revokeToken } from "@/lib/server/tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({}, async ({ user, params }) => ({ token: await revokeToken(getDb(), user, params.id) }));
