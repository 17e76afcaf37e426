"use server";
// Sign-up (the only action anonymous visitors may call).
import { signUpSchema } from "@/lib/schemas/auth";
import { createUser } from "@/lib/server/users";
import { publicAction } from "./authed";

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
