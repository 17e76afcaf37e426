"use server";
// Dashboard: release / promote, close channels. The service checks every channel and rule.
import { revalidatePath } from "next/cache";
import { closeActionSchema, releaseActionSchema } from "@/lib/schemas/releases";
import { closeChannels, releaseRevision } from "@/lib/server/releases";
import { authedAction } from "./authed";
import { snapDashboardPath } from "./paths";

export const release = authedAction({ roles: ["publisher"], schema: releaseActionSchema }, async ({ name, input }, user, db) => {
  const r = await releaseRevision(db, user, name, input);
  revalidatePath(snapDashboardPath(name), "layout");
  return { released: r.released };
});

export const close = authedAction({ roles: ["publisher"], schema: closeActionSchema }, async ({ name, input }, user, db) => {
  const r = await closeChannels(db, user, name, input);
  revalidatePath(snapDashboardPath(name), "layout");
  return { closed: r.closed };
});
