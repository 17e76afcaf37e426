import { apiRoute } from "@/lib/api/handler";
import { presentChannelMap } from "@/lib/api/present";
import { getDb } from "@/lib/db/client";
import { getChannelMap } from "@/lib/server/releases";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ user, params }) => presentChannelMap(await getChannelMap(getDb(), user, params.name)));
