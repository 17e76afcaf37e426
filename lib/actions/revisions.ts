"use server";
// Dashboard: one revision's details (the upload panel's result), withdrawing a waiting revision.
import { revalidatePath } from "next/cache";
import { revisionRefSchema } from "@/lib/schemas/releases";
import { getRevisionDetails } from "@/lib/server/revisions";
import { withdrawRevision } from "@/lib/server/uploads";
import { authedAction } from "./authed";
import { snapDashboardPath } from "./paths";

export const revisionDetails = authedAction({ roles: ["publisher"], schema: revisionRefSchema }, (input, user, db) =>
  getRevisionDetails(db, user, input.name, input.revision),
);

export const withdraw = authedAction({ roles: ["publisher"], schema: revisionRefSchema }, async (input, user, db) => {
  const r = await withdrawRevision(db, user, input.name, input.revision);
  revalidatePath(snapDashboardPath(input.name), "layout");
  return r;
});
