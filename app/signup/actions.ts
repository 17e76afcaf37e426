"use server";
import { signUpSchema } from "@/lib/schemas/auth";
import { getDb } from "@/lib/db/client";
import { publicAction } from "@/lib/server/action";
import { createUser } from "@/lib/server/users";

export const signUp = publicAction(signUpSchema, async (input) => {
  const user = await createUser(getDb(), {
    email: input.email,
    password: input.password,
    name: input.name,
    // Anyone may publish, as on the real store; reviewer and admin roles are granted by an admin.
    role: input.publisher ? "publisher" : "user",
    username: input.publisher ? input.username : null,
  });
  return { email: user.email };
});
