import { apiRoute } from "@/lib/api/handler";
import { presentHistory } from "@/lib/api/present";
import { releaseHistory } from "@/lib/server/releases";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ db, user, params }) => ({
  history: (await releaseHistory(db, user, params.name)).map(presentHistory),
}));
