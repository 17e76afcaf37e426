import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";
import { refusal } from "./explain";

/** Who is acting: the signed-in user or the owner of an API token. */
export interface Actor {
  id: string;
  role: Role;
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === "admin";
}

export function isReviewer(actor: Actor): boolean {
  return actor.role === "reviewer" || actor.role === "admin";
}

export function requirePublisher(actor: Actor): void {
  if (actor.role !== "publisher" && actor.role !== "admin") throw refusal("forbidden", { needs: ["publisher"], role: actor.role });
}

/** The actor's publisher account (snaps belong to accounts, not users). */
export async function publisherAccountOf(db: Tx, actor: Actor) {
  requirePublisher(actor);
  const account = await db.account.findUnique({ where: { userId: actor.id } });
  if (!account) throw refusal("no-publisher-account", {});
  return account;
}

/**
 * A snap by name that the actor may manage: 404 snap-not-found when unknown, 403 not-owner when it
 * belongs to another publisher (snap names are public, so existence is no secret). Admins pass.
 * Same rule for reads and writes.
 */
export async function ownedSnap(db: Tx, actor: Actor, name: string) {
  const snap = await db.snap.findUnique({ where: { name }, include: { owner: true } });
  if (!snap) throw refusal("snap-not-found", { name });
  if (snap.owner.userId !== actor.id && !isAdmin(actor)) throw refusal("not-owner", { name });
  return snap;
}

export type OwnedSnap = Awaited<ReturnType<typeof ownedSnap>>;
