import { apiRoute } from "@/lib/api/handler";
import { presentUploadStatus } from "@/lib/api/present";
import { getUploadStatus } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ db, user, params }) =>
  presentUploadStatus(await getUploadStatus(db, user, params.name, params.id)),
);
