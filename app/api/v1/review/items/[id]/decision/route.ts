import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { decisionSchema } from "@/lib/schemas/review";
import { decide } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

/** Reviewers and admins: {decision: approve|reject|needs-info, comment?, override?}; 409 already-decided for the loser of a race. */
export const POST = apiRoute({ roles: ["reviewer"], body: decisionSchema }, async ({ db, user, params, body }) =>
  kebabKeys(await decide(db, user, params.id, body)),
);
