import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { revokeSchema } from "@/lib/schemas/review";
import { revokeGrant } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

/** Admins: {grant: "classic" | "<installation|connection|auto-connection>:<interface>", reason}. */
export const POST = apiRoute({ roles: ["admin"], body: revokeSchema }, async ({ db, user, params, body }) =>
  kebabKeys(await revokeGrant(db, user, params.name, body)),
);
