import { apiRoute } from "@/lib/api/handler";
import { unreserveName } from "@/lib/server/reserved-names";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute({ roles: ["admin"] }, async ({ db, user, params }) => {
  await unreserveName(db, user, params.name);
  return { name: params.name, reserved: false };
});
