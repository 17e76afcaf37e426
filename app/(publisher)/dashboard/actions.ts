"use server";
import { revalidatePath } from "next/cache";
import { registerNameSchema } from "@/lib/schemas/names";
import { getDb } from "@/lib/db/client";
import { authedAction } from "@/lib/server/action";
import { registerSnapName } from "@/lib/server/registration";

/** Registers a snap name (409 name-taken, 400 invalid-name; a reserved name goes to manual review). */
export const registerName = authedAction({ roles: ["publisher"], schema: registerNameSchema }, async (input, user) => {
  const r = await registerSnapName(getDb(), user, input);
  revalidatePath("/dashboard");
  return { name: r.name, status: r.status };
});
