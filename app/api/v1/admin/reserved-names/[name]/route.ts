import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { unreserveName } from "@/lib/server/reserved-names";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ roles: ["admin"] }, async ({ user, params }) => {
  await unreserveName(getDb(), user, params.name);
  return { name: params.name, reserved: false };
});
