import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { requireReviewer, reviewStats } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

/** Reviewers and admins: items opened and decided per week, median time to decision. */
export const GET = apiRoute({ roles: ["reviewer"] }, async ({ db, user }) => {
  requireReviewer(user);
  return kebabKeys(await reviewStats(db));
});
