"use server";
// Dashboard: file a store request, comment on one.
import { revalidatePath } from "next/cache";
import { commentActionSchema, fileRequestActionSchema } from "@/lib/schemas/requests";
import { addComment, createRequest } from "@/lib/server/requests";
import { authedAction } from "./authed";
import { snapDashboardPath } from "./paths";

export const fileRequest = authedAction({ roles: ["publisher"], schema: fileRequestActionSchema }, async ({ name, request }, user, db) => {
  // The service checks the classic acknowledgements, as for the API.
  const r = await createRequest(db, user, name, request);
  revalidatePath(snapDashboardPath(name), "layout");
  return { id: r.id, type: r.type, status: r.status };
});

export const comment = authedAction({ roles: ["publisher"], schema: commentActionSchema }, async ({ name, requestId, comment }, user, db) => {
  const c = await addComment(db, user, requestId, comment);
  revalidatePath(`${snapDashboardPath(name)}/requests`);
  return { id: c.id };
});
