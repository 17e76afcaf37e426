"use server";
// Dashboard: register a snap name.
import { revalidatePath } from "next/cache";
import { registerNameSchema } from "@/lib/schemas/names";
import { registerSnapName } from "@/lib/server/registration";
import { authedAction } from "./authed";

/** Registers a snap name (409 name-taken, 400 invalid-name; a reserved name goes to manual review). */
export const registerName = authedAction({ roles: ["publisher"], schema: registerNameSchema }, async (input, user, db) => {
  const r = await registerSnapName(db, user, input);
  revalidatePath("/dashboard");
  return { name: r.name, status: r.status };
});
