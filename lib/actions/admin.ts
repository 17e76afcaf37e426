"use server";
// Admin page: the reserved-name list.
import { revalidatePath } from "next/cache";
import { reserveNameSchema, unreserveNameSchema } from "@/lib/schemas/names";
import { reserveName, unreserveName } from "@/lib/server/reserved-names";
import { authedAction } from "./authed";

export const reserve = authedAction({ roles: ["admin"], schema: reserveNameSchema }, async (input, user, db) => {
  const row = await reserveName(db, user, input);
  revalidatePath("/admin");
  return { name: row.name };
});

export const unreserve = authedAction({ roles: ["admin"], schema: unreserveNameSchema }, async ({ name }, user, db) => {
  await unreserveName(db, user, name);
  revalidatePath("/admin");
  return { name };
});
