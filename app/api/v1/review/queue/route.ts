import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { fieldErrorsOf } from "@/lib/schemas/fields";
import { queueQuerySchema } from "@/lib/schemas/review";
import { refusal } from "@/lib/server/explain";
import { listQueue } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

/** Reviewers and admins: ?kind=&status=&q=&page=&per-page= */
export const GET = apiRoute({ roles: ["reviewer"] }, async ({ db, user, req }) => {
  const sp = req.nextUrl.searchParams;
  const raw = Object.fromEntries(
    (
      [
        ["kind", sp.get("kind")],
        ["status", sp.get("status")],
        ["q", sp.get("q")],
        ["page", sp.get("page")],
        ["perPage", sp.get("per-page")],
      ] as const
    ).filter(([, v]) => v !== null && v !== ""),
  );
  const parsed = queueQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const [field, problems] = Object.entries(fieldErrorsOf(parsed.error))[0];
    throw refusal("invalid-field", { field: field === "perPage" ? "per-page" : field, problems });
  }
  return kebabKeys(await listQueue(db, user, parsed.data));
});
