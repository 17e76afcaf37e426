"use server";
// Dashboard: the signed-in publisher's API tokens.
import { revalidatePath } from "next/cache";
import { revokeTokenSchema, tokenLabelSchema } from "@/lib/schemas/tokens";
import { issueTokenFor, revokeToken } from "@/lib/server/tokens";
import { authedAction } from "./authed";

/** A new API token for the signed-in publisher; the secret is returned once and never stored. */
export const createToken = authedAction({ roles: ["publisher"], schema: tokenLabelSchema }, async (input, user, db) => {
  const t = await issueTokenFor(db, user, input.label);
  revalidatePath("/dashboard/tokens");
  return { id: t.id, token: t.token };
});

export const revoke = authedAction({ roles: ["publisher"], schema: revokeTokenSchema }, async ({ id }, user, db) => {
  const t = await revokeToken(db, user, id);
  revalidatePath("/dashboard/tokens");
  return { id: t.id, label: t.label };
});
