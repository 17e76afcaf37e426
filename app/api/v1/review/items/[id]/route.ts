import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { getItem } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["reviewer"] }, async ({ db, user, params }) => kebabKeys(await getItem(db, user, params.id)));
