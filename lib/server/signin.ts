import "server-only";
// Password sign-in, shared by the web sign-in (next-auth credentials) and `POST /api/v1/tokens`:
// throttled per account and per address in the database, and the same time and answer for an
// unknown email, a wrong password and a disabled account.
import type { Db } from "@/lib/db/client";
import { verifyPasswordOrDummy } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { refusal } from "./explain";
import { assertUnderLimits, clearLimit, countAgainst, signInLimits } from "./throttle";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  sessionVersion: number;
}

/**
 * The caller's address for the per-address limit: the last X-Forwarded-For entry (the one the
 * nearest proxy, or Next itself, added), or null when unknown. Behind no proxy a client can choose
 * it, which is why the per-account limit stands on its own.
 */
export function clientAddress(get: (name: string) => string | null | undefined): string | null {
  const forwarded = get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || get("x-real-ip")?.trim() || null;
}

export async function authenticate(db: Db, input: { email: string; password: string; address: string | null }): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const limits = signInLimits(email, input.address);
  await assertUnderLimits(db, limits);
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPasswordOrDummy(input.password, user?.passwordHash);
  if (!user || !ok || user.disabledAt) {
    for (const limit of limits) await countAgainst(db, limit);
    throw refusal("invalid-credentials", {});
  }
  await clearLimit(db, limits[0].key);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
