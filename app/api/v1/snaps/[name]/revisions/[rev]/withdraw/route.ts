import { apiRoute } from "@/lib/api/handler";
import { revisionParam } from "@/lib/api/present";
import { getDb } from "@/lib/db/client";
import { withdrawRevision } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ roles: ["publisher"] }, async ({ user, params }) =>
  withdrawRevision(getDb(), user, params.name, revisionParam(params.rev)),
);
