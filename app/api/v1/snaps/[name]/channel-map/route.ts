import { apiRoute } from "@/lib/api/handler";
import { presentChannelMap } from "@/lib/api/present";
import { getChannelMap } from "@/lib/server/releases";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ db, user, params }) => presentChannelMap(await getChannelMap(db, user, params.name)));
