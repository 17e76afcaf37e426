import { apiRoute } from "@/lib/api/handler";
import { presentUploadStatus } from "@/lib/api/present";
import { getDb } from "@/lib/db/client";
import { getUploadStatus } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ roles: ["publisher"] }, async ({ user, params }) =>
  presentUploadStatus(await getUploadStatus(getDb(), user, params.name, params.id)),
);
