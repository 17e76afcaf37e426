import "server-only";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { randomAlnum } from "@/lib/ids";
import { audit } from "./audit";
import { refusal } from "./explain";
import { isAdmin, type Actor } from "./ownership";

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name?: string | null;
  /** Publisher username; defaults to the email's local part for publishers. */
  username?: string | null;
  displayName?: string | null;
  validation?: "unproven" | "verified" | "starred";
}

function defaultUsername(email: string): string {
  return (
    email
      .split("@")[0]
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30) || "publisher"
  );
}

export async function createUser(db: Db, input: NewUser, actorId: string | null = null) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const needsAccount = input.role === "publisher" || input.role === "admin" || Boolean(input.username);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, passwordHash, role: input.role, name: input.name ?? null } });
      if (needsAccount) {
        const username = input.username || defaultUsername(email);
        await tx.account.create({
          data: {
            id: randomAlnum(32),
            userId: user.id,
            username,
            displayName: input.displayName || input.name || username,
            validation: input.validation ?? "unproven",
          },
        });
      }
      await audit(tx, { actorId: actorId ?? user.id, action: "user.create", targetType: "user", targetId: user.id, data: { email, role: input.role } });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      if (isUniqueViolation(err, "username")) throw refusal("username-taken", {});
      throw refusal("email-taken", {});
    }
    throw err;
  }
}

/** The admin page's account list (oldest first, at most `take`), with publisher accounts. */
export async function listUsers(db: Db, actor: Actor, take = 200) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  return db.user.findMany({ orderBy: { createdAt: "asc" }, include: { account: true }, take });
}
