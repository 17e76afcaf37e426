import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { getDb, type Db } from "@/lib/db/client";
import { REQUEST_PATH_HEADER, safeCallbackPath } from "./callback";
import { authOptions } from "./options";
import { roleAllows, type Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/**
 * The signed-in user, re-read from the database on every request so that a disabled account or a
 * changed role takes effect at once (the JWT only says who, never what they may do). Cached per
 * request: the layout and the page both ask, the database is read once.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: string; sv?: unknown } | undefined;
  if (!claims?.id) return null;
  return currentUserOfSession(getDb(), claims.id, claims.sv);
});

/**
 * The user a session cookie names, or null when the account is gone or disabled, or the session
 * was issued before the last "sign out everywhere", password change or disabling (its version no
 * longer matches). Cookies from before versions existed count as version 0.
 */
export async function currentUserOfSession(db: Db, id: string, sessionVersion: unknown): Promise<CurrentUser | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true },
  });
  if (!user || user.disabledAt) return null;
  if ((typeof sessionVersion === "number" ? sessionVersion : 0) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * For pages and layouts: anonymous -> sign-in redirect that comes back to the path asked for (the
 * proxy passes it; a layout only knows its own `returnTo`), wrong role -> 403 page.
 */
export async function requirePageUser(allowed?: readonly Role[], returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const back = safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER)) ?? safeCallbackPath(returnTo);
    redirect(`/signin${back ? `?callbackUrl=${encodeURIComponent(back)}` : ""}`);
  }
  if (allowed && !roleAllows(user.role, allowed)) forbidden();
  return user;
}
