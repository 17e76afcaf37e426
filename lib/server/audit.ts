import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { refusal } from "./explain";
import { isAdmin, type Actor } from "./ownership";

/** Appends to the audit log inside the caller's transaction, so the entry exists iff the change does. */
export function audit(db: Tx, entry: { actorId: string | null; action: string; targetType: string; targetId: string; data?: Record<string, unknown> }) {
  return db.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, targetType: entry.targetType, targetId: entry.targetId, data: (entry.data ?? {}) as object },
  });
}

/** The newest audit entries (admins only), with the acting user's email. */
export async function recentAuditEntries(db: Db, actor: Actor, take = 50) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  return db.auditLog.findMany({ orderBy: { createdAt: "desc" }, take, include: { actor: { select: { email: true } } } });
}
