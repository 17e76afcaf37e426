import { apiRoute } from "@/lib/api/handler";
import { presentRevision } from "@/lib/api/present";
import { listRevisions } from "@/lib/server/revisions";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ db, user, params }) => ({
  revisions: (await listRevisions(db, user, params.name)).map(presentRevision),
}));
