import "server-only";
// Page guards that need a service: the snap pages of the publisher dashboard.
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ownedSnap, type OwnedSnap } from "@/lib/server/ownership";
import { requirePageUser, type CurrentUser } from "./session";

// Cached per request: the snap layout and its page both check (layouts are not re-run on every
// client navigation, so the page must check too), and the database is read once.
const ownedSnapForPage = cache(async (db: Db, userId: string, role: CurrentUser["role"], name: string) => ownedSnap(db, { id: userId, role }, name));

/**
 * For every page under /dashboard/snaps/[name]: the signed-in publisher (or admin) who owns the
 * snap. Anonymous -> sign in; wrong role -> 403; unknown snap -> 404; another publisher's -> 403.
 */
export async function requireOwnedSnapPage(db: Db, name: string, returnTo: string): Promise<{ user: CurrentUser; snap: OwnedSnap }> {
  const user = await requirePageUser(["publisher"], returnTo);
  try {
    return { user, snap: await ownedSnapForPage(db, user.id, user.role, name) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    if (err instanceof AppError && err.status === 403) forbidden();
    throw err;
  }
}
