"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { reserveNameSchema } from "@/lib/schemas/names";
import { getDb } from "@/lib/db/client";
import { authedAction } from "@/lib/server/action";
import { reserveName, unreserveName } from "@/lib/server/reserved-names";

export const reserve = authedAction({ roles: ["admin"], schema: reserveNameSchema }, async (input, user) => {
  const row = await reserveName(getDb(), user, input);
  revalidatePath("/admin");
  return { name: row.name };
});

export const unreserve = authedAction({ roles: ["admin"], schema: z.object({ name: z.string().min(1).max(40) }) }, async ({ name }, user) => {
  await unreserveName(getDb(), user, name);
  revalidatePath("/admin");
  return { name };
});
