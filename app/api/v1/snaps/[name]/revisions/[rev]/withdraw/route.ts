import { apiRoute } from "@/lib/api/handler";
import { revisionParam } from "@/lib/api/present";
import { withdrawRevision } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ roles: ["publisher"] }, async ({ db, user, params }) => withdrawRevision(db, user, params.name, revisionParam(params.rev)));
