import { apiRoute } from "@/lib/api/handler";
import { presentRevision } from "@/lib/api/present";
import { getDb } from "@/lib/db/client";
import { listRevisions } from "@/lib/server/revisions";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ user, params }) => ({
  revisions: (await listRevisions(getDb(), user, params.name)).map(presentRevision),
}));
