"use server";
// Sign-up (the only action anonymous visitors may call), and the signed-in user's own account:
// password change and "sign out everywhere"; admins disable accounts.
import { changePasswordSchema, noInputSchema, setDisabledSchema, signUpSchema } from "@/lib/schemas/auth";
import { revalidatePath } from "next/cache";
import { changePassword, createUser, setAccountDisabled, signOutEverywhere } from "@/lib/server/users";
import { authedAction, publicAction } from "./authed";

export const signUp = publicAction(signUpSchema, async (input, db) => {
  const user = await createUser(db, {
    email: input.email,
    password: input.password,
    name: input.name,
    // Anyone may publish, as on the real store; reviewer and admin roles are granted by an admin.
    role: input.publisher ? "publisher" : "user",
    username: input.publisher ? input.username : null,
  });
  return { email: user.email };
});

/** Any signed-in user; every session (this one too) and every API token stop working. */
export const changeOwnPassword = authedAction({ schema: changePasswordSchema }, async (input, user, db) => changePassword(db, user, input));

export const signOutEverywhereAction = authedAction({ schema: noInputSchema }, async (_input, user, db) => {
  await signOutEverywhere(db, user);
  return {};
});

/** Admins only (/admin/accounts): disable with a reason, or enable; audited by the service. */
export const setDisabled = authedAction({ roles: ["admin"], schema: setDisabledSchema }, async (input, user, db) => {
  const r = await setAccountDisabled(db, user, input.email, input.disabled, input.reason);
  revalidatePath("/admin/accounts");
  return { email: r.email, disabled: r.disabledAt !== null };
});
