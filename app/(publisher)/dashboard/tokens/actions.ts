"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tokenLabelSchema } from "@/lib/schemas/tokens";
import { getDb } from "@/lib/db/client";
import { authedAction } from "@/lib/server/action";
import { issueTokenFor, revokeToken } from "@/lib/server/tokens";

/** A new API token for the signed-in publisher; the secret is returned once and never stored. */
export const createToken = authedAction({ roles: ["publisher"], schema: tokenLabelSchema }, async (input, user) => {
  const t = await issueTokenFor(getDb(), user, input.label);
  revalidatePath("/dashboard/tokens");
  return { id: t.id, token: t.token };
});

export const revoke = authedAction({ roles: ["publisher"], schema: z.object({ id: z.string().min(1).max(64) }) }, async ({ id }, user) => {
  const t = await revokeToken(getDb(), user, id);
  revalidatePath("/dashboard/tokens");
  return { id: t.id, label: t.label };
});
