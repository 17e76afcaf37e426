import { apiRoute } from "@/lib/api/handler";
import { presentHistory } from "@/lib/api/present";
import { getDb } from "@/lib/db/client";
import { releaseHistory } from "@/lib/server/releases";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ user, params }) => ({
  history: (await releaseHistory(getDb(), user, params.name)).map(presentHistory),
}));
